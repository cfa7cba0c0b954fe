import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, ValidateIf } from 'class-validator';
import type { ReminderSettings } from '@frontdesk/contracts';
import { REMINDER_LIMITS, validateReminderSettings } from '@frontdesk/policies';
import type { HasRules } from '../../catalog/dto/rules.pipe';

/** `PUT /api/v1/settings/reminders`: the whole object. */
export class ReminderSettingsDto implements HasRules, Omit<ReminderSettings, 'highRiskExtraOffsetMinutes'> {
  @ApiProperty({ example: true }) @IsBoolean() enabled!: boolean;

  @ApiProperty({
    type: [Number],
    example: [1440, 120],
    description: `Minutes before the start, ${REMINDER_LIMITS.minOffset}..${REMINDER_LIMITS.maxOffset}, at most ${REMINDER_LIMITS.maxOffsets}, distinct`,
  })
  @IsArray()
  @IsInt({ each: true })
  offsetsMinutes!: number[];

  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { start: { type: 'string', example: '21:00' }, end: { type: 'string', example: '08:00' } },
    description: 'Local wall times (HH:MM), may span midnight; null = none',
  })
  @ValidateIf((_o: object, value: unknown) => value !== null)
  @IsObject({ message: 'quietHours must be {start, end} or null' })
  quietHours!: { start: string; end: string } | null;

  @ApiProperty({ example: 'appointment_reminder', pattern: '^[a-z0-9_]{1,512}$' })
  @IsString()
  whatsappTemplate!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    required: false,
    example: 60,
    description: `One more reminder this many minutes before the start (${REMINDER_LIMITS.minOffset}..${REMINDER_LIMITS.maxOffset}, none of offsetsMinutes) for bookings in the high no-show risk tier; null or left out = none (the default)`,
  })
  @IsOptional()
  @IsInt()
  highRiskExtraOffsetMinutes?: number | null;

  ruleViolations(): string[] {
    return validateReminderSettings({ ...this, highRiskExtraOffsetMinutes: this.highRiskExtraOffsetMinutes ?? null });
  }
}
