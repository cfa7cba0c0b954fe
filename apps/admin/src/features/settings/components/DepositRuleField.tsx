import { useState } from 'react';
import type { DepositRule } from '@frontdesk/contracts';
import { minorUnitDigits } from '../../../app/time';
import { SelectField, TextField } from '../../../ui/Field';

type Choice = 'default' | DepositRule['type'];

const initialText = (rule: DepositRule | null, digits: number) =>
  rule?.type === 'fixed'
    ? (rule.amountCents / 10 ** digits).toFixed(digits)
    : rule?.type === 'percent'
      ? String(rule.percent)
      : '';

/** Major units typed ("20", "12.50") as minor units; what is not a number goes as typed, for the API to name it. */
function toMinor(text: string, digits: number): number {
  const n = Number(text.replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? Math.round(n * 10 ** digits) : (text as unknown as number);
}

const toNumber = (text: string): number =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : (text as unknown as number);

/**
 * One deposit rule: none, a fixed amount (typed in major units of the currency) or a share of the
 * price. `allowDefault`: null is a choice too (a service using the business's default rule).
 */
export function DepositRuleField({
  label,
  value,
  onChange,
  currency,
  allowDefault = false,
  errors,
}: {
  label: string;
  value: DepositRule | null;
  onChange: (rule: DepositRule | null) => void;
  currency: string;
  allowDefault?: boolean;
  errors?: string[];
}) {
  const digits = minorUnitDigits(currency);
  const [text, setText] = useState(() => initialText(value, digits));
  const choice: Choice = value === null ? 'default' : value.type;
  const emit = (next: Choice, typed: string) => {
    if (next === 'default') onChange(null);
    else if (next === 'none') onChange({ type: 'none' });
    else if (next === 'fixed') onChange({ type: 'fixed', amountCents: toMinor(typed, digits) });
    else onChange({ type: 'percent', percent: toNumber(typed) });
  };
  const options = [
    ...(allowDefault ? [{ value: 'default', label: "The business's default" }] : []),
    { value: 'none', label: 'No deposit' },
    { value: 'fixed', label: 'A fixed amount' },
    { value: 'percent', label: 'A share of the price' },
  ];
  return (
    <div className="form-row">
      <SelectField
        label={label}
        value={choice}
        options={options}
        onChange={(next) => {
          setText('');
          emit(next as Choice, '');
        }}
        errors={errors}
      />
      {choice === 'fixed' && (
        <TextField
          label={`${label}: amount (${currency.toUpperCase()})`}
          inputMode="decimal"
          value={text}
          onChange={(typed) => {
            setText(typed);
            emit('fixed', typed);
          }}
        />
      )}
      {choice === 'percent' && (
        <TextField
          label={`${label}: percent of the price`}
          type="number"
          min={1}
          max={100}
          value={text}
          onChange={(typed) => {
            setText(typed);
            emit('percent', typed);
          }}
        />
      )}
    </div>
  );
}
