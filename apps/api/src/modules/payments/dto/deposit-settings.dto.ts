import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { type DepositRule, type DepositSettings, type LocalTime, WEEKDAYS, type Weekday } from '@frontdesk/contracts';
import { PAYMENT_WINDOW_LIMITS, validateDepositSettings } from '@frontdesk/policies';
import type { HasRules } from '../../catalog/dto/rules.pipe';
import { LOCAL_TIME_SCHEMA } from '../../catalog/dto/shared';
import { cleanRule, DEPOSIT_RULE_SCHEMA, IsDepositRule } from './deposit-rule';

/** Null is a value here (the rule is off), but leaving the field out is not: PUT replaces the whole object. */
const NullOrObject = () => ValidateIf((_object: object, value: unknown) => value !== null);

export class PrimeTimeWindowDto {
  @ApiProperty({ type: [String], enum: WEEKDAYS, example: ['fri', 'sat'] })
  @IsArray()
  @IsIn(WEEKDAYS, { each: true, message: `days must list weekdays (${WEEKDAYS.join(', ')})` })
  days!: Weekday[];
  @ApiProperty({ ...LOCAL_TIME_SCHEMA, example: '16:00' }) @IsString() start!: LocalTime;
  @ApiProperty({ ...LOCAL_TIME_SCHEMA, example: '20:00', description: 'Not after start: the window runs past midnight' })
  @IsString()
  end!: LocalTime;
}

export class PrimeTimeDto {
  @ApiProperty({ type: [PrimeTimeWindowDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PrimeTimeWindowDto)
  windows!: PrimeTimeWindowDto[];
  @ApiProperty(DEPOSIT_RULE_SCHEMA) @IsDepositRule() rule!: DepositRule;
}

export class RuleOnlyDto {
  @ApiProperty(DEPOSIT_RULE_SCHEMA) @IsDepositRule() rule!: DepositRule;
}

export class RepeatNoShowDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 2 }) @IsInt() threshold!: number;
  @ApiProperty(DEPOSIT_RULE_SCHEMA) @IsDepositRule() rule!: DepositRule;
}

/** `PUT /api/v1/settings/deposits`: the whole object, every field present. */
export class DepositSettingsDto implements HasRules {
  @ApiProperty({ example: true }) @IsBoolean() enabled!: boolean;
  @ApiProperty({ ...DEPOSIT_RULE_SCHEMA, description: 'Every service without its own rule' })
  @IsDepositRule()
  default!: DepositRule;
  @ApiProperty({ type: PrimeTimeDto, nullable: true })
  @NullOrObject()
  @IsObject()
  @ValidateNested()
  @Type(() => PrimeTimeDto)
  primeTime!: PrimeTimeDto | null;
  @ApiProperty({ type: RuleOnlyDto, nullable: true, description: 'Appointments starting on a local Saturday or Sunday' })
  @NullOrObject()
  @IsObject()
  @ValidateNested()
  @Type(() => RuleOnlyDto)
  weekend!: RuleOnlyDto | null;
  @ApiProperty({ type: RepeatNoShowDto, nullable: true, description: 'Customers with at least `threshold` no-shows' })
  @NullOrObject()
  @IsObject()
  @ValidateNested()
  @Type(() => RepeatNoShowDto)
  repeatNoShow!: RepeatNoShowDto | null;
  @ApiProperty({ type: RuleOnlyDto, nullable: true, description: 'Bookings whose no-show risk tier is high' })
  @NullOrObject()
  @IsObject()
  @ValidateNested()
  @Type(() => RuleOnlyDto)
  highRisk!: RuleOnlyDto | null;
  @ApiProperty({ type: 'integer', minimum: PAYMENT_WINDOW_LIMITS.min, maximum: PAYMENT_WINDOW_LIMITS.max, example: 30 })
  @IsInt()
  paymentWindowMinutes!: number;
  @ApiProperty({ example: true }) @IsBoolean() refundOnTimelyCancel!: boolean;

  ruleViolations(): string[] {
    return validateDepositSettings(this);
  }

  /** Plain data with exactly the contract's fields, as stored and answered. */
  toSettings(): DepositSettings {
    return {
      enabled: this.enabled,
      default: cleanRule(this.default),
      primeTime: this.primeTime && {
        windows: this.primeTime.windows.map((w) => ({ days: [...w.days], start: w.start, end: w.end })),
        rule: cleanRule(this.primeTime.rule),
      },
      weekend: this.weekend && { rule: cleanRule(this.weekend.rule) },
      repeatNoShow: this.repeatNoShow && { threshold: this.repeatNoShow.threshold, rule: cleanRule(this.repeatNoShow.rule) },
      highRisk: this.highRisk && { rule: cleanRule(this.highRisk.rule) },
      paymentWindowMinutes: this.paymentWindowMinutes,
      refundOnTimelyCancel: this.refundOnTimelyCancel,
    };
  }
}
