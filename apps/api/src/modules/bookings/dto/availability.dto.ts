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

export class AvailableSlotView {
  @ApiProperty({ example: '2026-12-01T14:00:00.000Z' }) start!: string;
  @ApiProperty({ example: '2026-12-01T14:30:00.000Z' }) end!: string;
  @ApiProperty({ type: [String], description: 'Every staff member who can take the slot, sorted.' }) staffIds!: string[];
}

export class AvailabilityAnswer {
  @ApiProperty({ example: 'America/New_York' }) timezone!: string;
  @ApiProperty() serviceId!: string;
  @ApiProperty({ type: [AvailableSlotView], description: 'Ordered by start; at most 1,000, always whole local dates.' })
  slots!: AvailableSlotView[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-04',
    description:
      'When the range holds more than one answer: the local date to ask from next (same `to`); `null` when the range is done. ' +
      'An answer also stops early at 20,000 staff ids over its slots (many staff), and always holds the first date with slots whole.',
  })
  nextFrom!: string | null;
}
