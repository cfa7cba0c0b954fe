import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { LocalTime } from '@frontdesk/contracts';
import { BOOKING_POLICY_LIMITS, validateBookingPolicy } from '@frontdesk/policies';
import type { HasRules } from './rules.pipe';
import { LOCAL_TIME_SCHEMA } from './shared';

/** Null is a value here (no cutoff, no channel), but leaving the field out is not: PUT replaces the whole object. */
const NullOrGiven = () => ValidateIf((_object: object, value: unknown) => value !== null);

const limits = (field: keyof typeof BOOKING_POLICY_LIMITS) => ({
  type: 'integer' as const,
  minimum: BOOKING_POLICY_LIMITS[field].min,
  maximum: BOOKING_POLICY_LIMITS[field].max,
});

export class BookingPolicyDto implements HasRules {
  @ApiProperty({ ...limits('minNoticeMinutes'), example: 120 }) @IsInt() minNoticeMinutes!: number;
  @ApiProperty({ ...limits('maxAdvanceDays'), example: 30 }) @IsInt() maxAdvanceDays!: number;
  @ApiProperty({ ...limits('slotIntervalMinutes'), example: 15 }) @IsInt() slotIntervalMinutes!: number;
  @ApiProperty({
    ...LOCAL_TIME_SCHEMA,
    example: null,
    nullable: true,
    description: 'Same-day bookings close at this local time; null = no cutoff',
  })
  @NullOrGiven()
  @IsString()
  sameDayCutoff!: LocalTime | null;
  @ApiProperty({ ...limits('cancellationNoticeHours'), example: 24 }) @IsInt() cancellationNoticeHours!: number;

  ruleViolations(): string[] {
    return validateBookingPolicy(this);
  }
}

export class ChannelSettingsDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '+15551234567',
    description: "The business's SMS number; normalised to E.164 with the tenant's country as the default region",
  })
  @NullOrGiven()
  @IsString({ message: 'smsNumber must be a phone number or null' })
  @MaxLength(40)
  smsNumber!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    pattern: '^\\d{1,32}$',
    example: '106540352242922',
    description: 'WhatsApp Cloud API phone number id',
  })
  @NullOrGiven()
  @Matches(/^\d{1,32}$/, { message: 'whatsappPhoneNumberId must be a string of digits or null' })
  whatsappPhoneNumberId!: string | null;
}
