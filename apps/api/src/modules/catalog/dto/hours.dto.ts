import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import type { WeeklyHours } from '@frontdesk/contracts';
import { validateWeeklyHours } from '@frontdesk/scheduling';
import type { HasRules } from './rules.pipe';
import { WEEKLY_HOURS_SCHEMA } from './shared';

export class BusinessHoursDto implements HasRules {
  @ApiProperty(WEEKLY_HOURS_SCHEMA) @IsObject() weekly!: WeeklyHours;

  ruleViolations(): string[] {
    return validateWeeklyHours(this.weekly, 'weekly');
  }
}
