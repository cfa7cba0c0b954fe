import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { WeeklyHours } from '@frontdesk/contracts';
import { validateWeeklyHours } from '@frontdesk/scheduling';
import type { HasRules } from './rules.pipe';
import { OmittableNotNull, WEEKLY_HOURS_SCHEMA } from './shared';

/** Bounds one lookup query; far more than any business offers. */
const MAX_SERVICE_IDS = 1000;

const staffRuleViolations = (dto: { hours?: WeeklyHours | null }) => (dto.hours ? validateWeeklyHours(dto.hours, 'hours') : []);

class StaffFields {
  @ApiProperty({ maxLength: 200, example: 'Jordan Lee' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    default: null,
    description: 'The services this person performs; null = every service',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SERVICE_IDS)
  @IsUUID('all', { each: true })
  serviceIds?: string[] | null;
  @ApiPropertyOptional({
    ...WEEKLY_HOURS_SCHEMA,
    nullable: true,
    default: null,
    description: `null = works the business hours. ${WEEKLY_HOURS_SCHEMA.description}`,
  })
  @IsOptional()
  @IsObject()
  hours?: WeeklyHours | null;
  @ApiPropertyOptional({ default: true }) @OmittableNotNull() @IsBoolean() active?: boolean;
}

export class CreateStaffDto extends StaffFields implements HasRules {
  ruleViolations(): string[] {
    return staffRuleViolations(this);
  }
}

/** Any subset of the fields; `serviceIds` and `hours` may be set back to null, the others not. */
export class UpdateStaffDto extends PartialType(StaffFields, { skipNullProperties: false }) implements HasRules {
  ruleViolations(): string[] {
    return staffRuleViolations(this);
  }
}
