import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { LocalDate, LocalTime, OverrideKind } from '@frontdesk/contracts';
import { validateDateRange, validateOverride } from '@frontdesk/scheduling';
import { IsLocalDate, LOCAL_TIME_PATTERN } from '../../../common/validation';
import type { HasRules } from './rules.pipe';
import { LOCAL_TIME_SCHEMA } from './shared';

/** A year and a day: enough for a calendar year view starting on any day. */
export const MAX_OVERRIDE_RANGE_DAYS = 366;

const TIME_MESSAGE = (field: string) => `${field} must be a time of day HH:MM between 00:00 and 23:59`;

export class CreateOverrideDto implements HasRules {
  @ApiProperty({ type: String, format: 'date', example: '2026-12-24' }) @IsLocalDate() date!: LocalDate;
  @ApiProperty({ enum: ['closed', 'open'] }) @IsIn(['closed', 'open']) kind!: OverrideKind;
  @ApiPropertyOptional({ ...LOCAL_TIME_SCHEMA, nullable: true, description: 'With end; omit both for a whole-day closure' })
  @IsOptional()
  @IsString()
  @Matches(LOCAL_TIME_PATTERN, { message: TIME_MESSAGE('start') })
  start?: LocalTime | null;
  @ApiPropertyOptional({ ...LOCAL_TIME_SCHEMA, example: '17:00', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(LOCAL_TIME_PATTERN, { message: TIME_MESSAGE('end') })
  end?: LocalTime | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'One staff member; null = the whole business',
  })
  @IsOptional()
  @IsUUID('all')
  staffId?: string | null;
  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true, example: 'Christmas Eve' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;

  ruleViolations(): string[] {
    return validateOverride(this);
  }
}

export class OverrideRangeQuery implements HasRules {
  @ApiProperty({ type: String, format: 'date', example: '2026-12-01' }) @IsLocalDate() from!: LocalDate;
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-12-31',
    description: `At most ${MAX_OVERRIDE_RANGE_DAYS} days after from`,
  })
  @IsLocalDate()
  to!: LocalDate;

  ruleViolations(): string[] {
    return validateDateRange(this, MAX_OVERRIDE_RANGE_DAYS);
  }
}
