import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPOSIT_SETTINGS, type DepositSettings, type Service } from '@frontdesk/contracts';
import { DepositPreview } from './DepositPreview';

const TENANT = { timezone: 'America/New_York', currency: 'usd', locale: 'en' };
// A Wednesday.
const NOW = new Date('2026-12-02T15:00:00Z');
const service = (name: string, priceCents: number, deposit: Service['deposit'] = null): Service => ({
  id: name.toLowerCase(),
  name,
  durationMinutes: 30,
  priceCents,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  aliases: [],
  active: true,
  deposit,
});
const HAIRCUT = service('Haircut', 3000);
const COLOUR = service('Colour', 9000, { type: 'percent', percent: 50 });
const SETTINGS: DepositSettings = {
  ...DEFAULT_DEPOSIT_SETTINGS,
  enabled: true,
  weekend: { rule: { type: 'fixed', amountCents: 2000 } },
  primeTime: { windows: [{ days: ['fri'], start: '16:00', end: '20:00' }], rule: { type: 'fixed', amountCents: 1000 } },
  repeatNoShow: { threshold: 2, rule: { type: 'percent', percent: 100 } },
};

const sentence = () => screen.getByRole('status').textContent;
const show = (settings = SETTINGS) =>
  render(<DepositPreview settings={settings} services={[HAIRCUT, COLOUR]} tenant={TENANT} now={NOW} />);

describe('DepositPreview', () => {
  it('says what a Haircut on Saturday at 5 pm needs and why', () => {
    show();
    expect(sentence()).toBe('A Haircut on Saturday at 5 PM needs $20.00 because: weekend.');
  });

  it('follows the chosen service, day, time and customer', async () => {
    const user = userEvent.setup();
    show();
    await user.selectOptions(screen.getByLabelText('Day'), 'Wednesday');
    expect(sentence()).toBe('A Haircut on Wednesday at 5 PM needs no deposit.');
    await user.selectOptions(screen.getByLabelText('Day'), 'Friday');
    expect(sentence()).toBe('A Haircut on Friday at 5 PM needs $10.00 because: prime time.');
    await user.selectOptions(screen.getByLabelText('Service'), 'Colour');
    expect(sentence()).toBe("A Colour on Friday at 5 PM needs $45.00 because: the service's own rule.");
    await user.clear(screen.getByLabelText("Customer's past no-shows"));
    await user.type(screen.getByLabelText("Customer's past no-shows"), '2');
    expect(sentence()).toBe('A Colour on Friday at 5 PM needs $90.00 because: repeat no-show.');
  });

  it('uses the rules as edited, and says when deposits are off', () => {
    show({ ...SETTINGS, enabled: false, weekend: null });
    expect(sentence()).toBe('A Haircut on Saturday at 5 PM needs no deposit.');
    expect(screen.getByText(/Deposits are turned off/)).toBeTruthy();
  });
});
