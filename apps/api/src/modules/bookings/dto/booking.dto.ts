import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BOOKING_STATUSES, type BookingStatus } from '@frontdesk/contracts';
import { IsInstant, IsLocalDate, MAX_LIST_OFFSET, QueryInt } from '../../../common/validation';

export class CustomerInputDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: '+15551234567' }) @IsString() @IsNotEmpty() @MaxLength(40) phone!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}

export class CreateBookingDto {
  @ApiProperty() @IsUUID() serviceId!: string;
  @ApiProperty({ example: '2026-12-01T15:00:00Z' }) @IsInstant() start!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() staffId?: string;
  @ApiProperty({ type: CustomerInputDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CustomerInputDto)
  customer!: CustomerInputDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class AdminCreateBookingDto extends CreateBookingDto {
  @ApiPropertyOptional({ description: 'Ask the customer for the deposit the rules set (admin bookings need none otherwise)' })
  @IsOptional()
  @IsBoolean()
  requestDeposit?: boolean;
}

export class CancelBookingDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** `start` may be left out only when the service changes: the booking then keeps its start. */
const startRequired = (o: { serviceId?: string; start?: string }) => o.serviceId === undefined || o.start !== undefined;

const NEW_SERVICE = {
  description:
    'Extension to v1: change the booking to this service. The end follows from its duration; the staff member ' +
    'taking it must offer it (409 `service_not_offered`); the deposit held is kept, and a service whose deposit ' +
    'rules ask for more than was paid is refused (409 `deposit_required`, with `depositCents` and `heldCents`). ' +
    'A booking waiting for its deposit cannot change its service (409 `conflict`).',
};

export class ManageRescheduleDto {
  @ApiPropertyOptional({ description: 'Required unless `serviceId` is given; without it the booking keeps its start.' })
  @ValidateIf(startRequired)
  @IsInstant()
  start?: string;
  @ApiPropertyOptional(NEW_SERVICE) @IsOptional() @IsUUID() serviceId?: string;
}

export class RescheduleBookingDto extends ManageRescheduleDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() staffId?: string;
}

export const SETTABLE_STATUSES = ['confirmed', 'completed', 'no_show'] as const;

export class SetBookingStatusDto {
  @ApiProperty({ enum: SETTABLE_STATUSES }) @IsIn(SETTABLE_STATUSES) status!: (typeof SETTABLE_STATUSES)[number];
}

export class ListBookingsQuery {
  @ApiPropertyOptional() @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsLocalDate() to?: string;
  @ApiPropertyOptional({ enum: BOOKING_STATUSES }) @IsOptional() @IsIn(BOOKING_STATUSES) status?: BookingStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() staffId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({
    description:
      "Extension to v1: part of the customer's name (case-insensitive) or of their phone number (3 or more digits, punctuation ignored).",
    example: 'mar',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 }) @QueryInt(1, 1000) limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_LIST_OFFSET }) @QueryInt(0, MAX_LIST_OFFSET) offset?: number;
}
