import type { ApiPropertyOptions } from '@nestjs/swagger';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import type { DepositRule } from '@frontdesk/contracts';
import { depositRuleProblems } from '@frontdesk/policies';

const FIELDS_BY_TYPE: Record<DepositRule['type'], string[]> = {
  none: ['type'],
  fixed: ['type', 'amountCents'],
  percent: ['type', 'percent'],
};

/** Every problem with a rule as sent, each starting with `field`; fields a rule of its type does not have included. */
export function depositRuleShapeProblems(value: unknown, field: string): string[] {
  const problems = depositRuleProblems(value, field);
  if (problems.length > 0) return problems;
  const rule = value as DepositRule;
  const extra = Object.keys(rule).filter((key) => !FIELDS_BY_TYPE[rule.type].includes(key));
  return extra.length > 0 ? [`${field}: a ${rule.type} rule has no ${extra.join(', ')}`] : [];
}

/** The rule with exactly its fields, ready to store. */
export function cleanRule(rule: DepositRule): DepositRule {
  switch (rule.type) {
    case 'none':
      return { type: 'none' };
    case 'fixed':
      return { type: 'fixed', amountCents: rule.amountCents };
    case 'percent':
      return { type: 'percent', percent: rule.percent };
  }
}

/** A deposit rule: `{"type":"none"}`, `{"type":"fixed","amountCents":N}` or `{"type":"percent","percent":P}`. */
export function IsDepositRule() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDepositRule',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => depositRuleShapeProblems(value, propertyName).length === 0,
        defaultMessage: (args?: ValidationArguments) => depositRuleShapeProblems(args?.value, propertyName).join('; '),
      },
    });
}

export const DEPOSIT_RULE_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: false,
  oneOf: [
    { type: 'object', properties: { type: { type: 'string', enum: ['none'] } }, required: ['type'] },
    {
      type: 'object',
      properties: { type: { type: 'string', enum: ['fixed'] }, amountCents: { type: 'integer', minimum: 1 } },
      required: ['type', 'amountCents'],
    },
    {
      type: 'object',
      properties: { type: { type: 'string', enum: ['percent'] }, percent: { type: 'integer', minimum: 1, maximum: 100 } },
      required: ['type', 'percent'],
    },
  ],
  example: { type: 'fixed', amountCents: 2000 },
};
