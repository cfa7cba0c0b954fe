import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPOSIT_SETTINGS, type DepositSettings } from '@frontdesk/contracts';
import { DepositRulesEditor } from './DepositRulesEditor';

/** The editor is controlled; this keeps its value like the page does and exposes the latest one. */
function Harness({
  initial,
  last,
  errors,
}: {
  initial: DepositSettings;
  last: { value?: DepositSettings };
  errors?: Record<string, string[]>;
}) {
  const [value, setValue] = useState(initial);
  return (
    <DepositRulesEditor
      value={value}
      currency="usd"
      errors={errors}
      onChange={(next) => {
        last.value = next;
        setValue(next);
      }}
    />
  );
}

describe('DepositRulesEditor', () => {
  it('turns deposits on with a fixed default typed in dollars', async () => {
    const user = userEvent.setup();
    const last: { value?: DepositSettings } = {};
    render(<Harness initial={DEFAULT_DEPOSIT_SETTINGS} last={last} />);
    await user.click(screen.getByLabelText('Ask for deposits'));
    await user.selectOptions(screen.getByLabelText('Default rule'), 'A fixed amount');
    await user.type(screen.getByLabelText('Default rule: amount (USD)'), '12.50');
    expect(last.value).toEqual({ ...DEFAULT_DEPOSIT_SETTINGS, enabled: true, default: { type: 'fixed', amountCents: 1250 } });
  });

  it('adds and edits the optional rules, and takes them away again', async () => {
    const user = userEvent.setup();
    const last: { value?: DepositSettings } = {};
    render(<Harness initial={DEFAULT_DEPOSIT_SETTINGS} last={last} />);
    await user.click(screen.getByLabelText('Weekends'));
    await user.clear(screen.getByLabelText('Weekend rule: percent of the price'));
    await user.type(screen.getByLabelText('Weekend rule: percent of the price'), '25');
    expect(last.value?.weekend).toEqual({ rule: { type: 'percent', percent: 25 } });

    await user.click(screen.getByLabelText('Prime time'));
    expect(last.value?.primeTime?.windows).toEqual([{ days: ['fri', 'sat'], start: '16:00', end: '20:00' }]);
    await user.click(screen.getByLabelText('Sunday (window 1)'));
    await user.click(screen.getByLabelText('Friday (window 1)'));
    await user.click(screen.getByRole('button', { name: 'Add a prime-time window' }));
    expect(last.value?.primeTime?.windows).toEqual([
      { days: ['sat', 'sun'], start: '16:00', end: '20:00' },
      { days: ['fri', 'sat'], start: '16:00', end: '20:00' },
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove window 1' }));
    expect(last.value?.primeTime?.windows).toHaveLength(1);

    await user.click(screen.getByLabelText('Customers with past no-shows'));
    await user.clear(screen.getByLabelText('No-shows before it applies'));
    await user.type(screen.getByLabelText('No-shows before it applies'), '3');
    expect(last.value?.repeatNoShow).toEqual({ threshold: 3, rule: { type: 'percent', percent: 100 } });

    await user.click(screen.getByLabelText('Weekends'));
    expect(last.value?.weekend).toBeNull();
  });

  it("shows the API's messages beside the fields they name", () => {
    render(
      <Harness
        initial={{ ...DEFAULT_DEPOSIT_SETTINGS, weekend: { rule: { type: 'percent', percent: 101 } } }}
        last={{}}
        errors={{
          'weekend.rule.percent': ['weekend.rule.percent must be a whole number from 1 to 100'],
          paymentWindowMinutes: ['paymentWindowMinutes must be a whole number from 30 to 1440'],
        }}
      />,
    );
    expect(screen.getByText('weekend.rule.percent must be a whole number from 1 to 100')).toBeTruthy();
    expect(screen.getByLabelText('Time to pay (minutes)').getAttribute('aria-invalid')).toBe('true');
  });
});
