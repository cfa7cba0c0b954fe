import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsLocalDate } from '../../../common/validation';

export class AvailabilityQuery {
  @ApiProperty() @IsUUID() serviceId!: string;
  @ApiProperty({ example: '2026-12-01' }) @IsLocalDate() from!: string;
  @ApiProperty({ example: '2026-12-07' }) @IsLocalDate() to!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() staffId?: string;
  @ApiPropertyOptional({
    description:
      'Extension to v1: the booking being rescheduled. Its own time does not block the slots offered, as when rescheduling it.',
  })
  @IsOptional()
  @IsUUID()
  excludeBookingId?: string;
}
