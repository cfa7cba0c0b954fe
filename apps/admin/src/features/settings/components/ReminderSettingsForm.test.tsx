import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReminderSettings } from '@frontdesk/contracts';
import { mockFetch, renderInTenant } from '../../../test-utils';
import { offsetLabel, splitOffset } from './reminder-offsets';
import { ReminderSettingsSection } from './ReminderSettingsForm';

const DEFAULTS: ReminderSettings = {
  enabled: true,
  offsetsMinutes: [1440, 120],
  quietHours: { start: '21:00', end: '08:00' },
  whatsappTemplate: 'appointment_reminder',
  highRiskExtraOffsetMinutes: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

const value = (label: string) => screen.getByLabelText<HTMLInputElement | HTMLSelectElement>(label).value;

describe('offset labels', () => {
  it.each([
    [1440, '24 hours before'],
    [120, '2 hours before'],
    [60, '1 hour before'],
    [30, '30 minutes before'],
    [90, '90 minutes before'],
    [2880, '48 hours before'],
    [10080, '7 days before'],
    [4320, '3 days before'],
  ])('%i minutes read "%s"', (minutes, label) => {
    expect(offsetLabel(minutes)).toBe(label);
    const { amount, unit } = splitOffset(minutes);
    expect(amount * { minutes: 1, hours: 60, days: 1440 }[unit]).toBe(minutes);
  });
});

describe('ReminderSettingsForm', () => {
  it('shows the saved settings: each offset as an amount and a unit, quiet hours, the template', async () => {
    mockFetch(() => [200, DEFAULTS]);
    renderInTenant(<ReminderSettingsSection />);
    await screen.findByRole('form', { name: 'Reminders' });
    expect(value('Reminder 1')).toBe('24');
    expect(value('Reminder 1 unit')).toBe('hours');
    expect(value('Reminder 2')).toBe('2');
    expect(screen.getByRole('button', { name: 'Remove reminder 1 (24 hours before)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove reminder 2 (2 hours before)' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Send reminders').checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Quiet hours').checked).toBe(true);
    expect(value('Quiet from')).toBe('21:00');
    expect(value('Quiet until')).toBe('08:00');
    expect(value('WhatsApp template name')).toBe('appointment_reminder');
  });

  it('edits the list (up to 4), drops quiet hours and saves what the contract takes', async () => {
    const calls = mockFetch((_url, request) => [200, request.method === 'PUT' ? request.body : DEFAULTS]);
    renderInTenant(<ReminderSettingsSection />);
    await screen.findByRole('form', { name: 'Reminders' });

    await userEvent.click(screen.getByRole('button', { name: 'Remove reminder 2 (2 hours before)' }));
    const add = screen.getByRole('button', { name: 'Add a reminder' });
    await userEvent.click(add);
    await userEvent.clear(screen.getByLabelText('Reminder 2'));
    await userEvent.type(screen.getByLabelText('Reminder 2'), '30');
    await userEvent.selectOptions(screen.getByLabelText('Reminder 2 unit'), 'minutes');
    await userEvent.click(add);
    await userEvent.click(add);
    expect(add).toHaveProperty('disabled', true);
    expect(screen.getByText('At most 4 reminders.')).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Reminder 4 unit'), 'days');
    await userEvent.click(screen.getByLabelText('Quiet hours'));
    expect(screen.queryByLabelText('Quiet from')).toBeNull();
    await userEvent.clear(screen.getByLabelText('WhatsApp template name'));
    await userEvent.type(screen.getByLabelText('WhatsApp template name'), ' visit_reminder ');
    await userEvent.click(screen.getByRole('button', { name: 'Save reminders' }));

    await screen.findByRole('status');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.url).toBe('/api/v1/settings/reminders');
    expect(put?.body).toEqual({
      enabled: true,
      offsetsMinutes: [1440, 30, 60, 1440],
      quietHours: null,
      whatsappTemplate: 'visit_reminder',
      highRiskExtraOffsetMinutes: null,
    });
  });

  it('the extra reminder of high-risk bookings: off by default, switched on with an hour, saved in minutes', async () => {
    const calls = mockFetch((_url, request) => [200, request.method === 'PUT' ? request.body : DEFAULTS]);
    renderInTenant(<ReminderSettingsSection />);
    await screen.findByRole('form', { name: 'Reminders' });
    const toggle = screen.getByLabelText<HTMLInputElement>('Extra reminder for high-risk bookings');
    expect(toggle.checked).toBe(false);
    expect(screen.queryByLabelText('Extra reminder')).toBeNull();

    await userEvent.click(toggle);
    expect(value('Extra reminder')).toBe('1');
    expect(value('Extra reminder unit')).toBe('hours');
    await userEvent.clear(screen.getByLabelText('Extra reminder'));
    await userEvent.type(screen.getByLabelText('Extra reminder'), '90');
    await userEvent.selectOptions(screen.getByLabelText('Extra reminder unit'), 'minutes');
    await userEvent.click(screen.getByRole('button', { name: 'Save reminders' }));
    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ ...DEFAULTS, highRiskExtraOffsetMinutes: 90 });
  });

  it('shows a saved extra reminder, and switching it off saves none', async () => {
    const calls = mockFetch((_url, request) =>
      request.method === 'PUT' ? [200, request.body] : [200, { ...DEFAULTS, highRiskExtraOffsetMinutes: 45 }],
    );
    renderInTenant(<ReminderSettingsSection />);
    await screen.findByRole('form', { name: 'Reminders' });
    expect(screen.getByLabelText<HTMLInputElement>('Extra reminder for high-risk bookings').checked).toBe(true);
    expect(value('Extra reminder')).toBe('45');
    expect(value('Extra reminder unit')).toBe('minutes');
    await userEvent.click(screen.getByLabelText('Extra reminder for high-risk bookings'));
    await userEvent.click(screen.getByRole('button', { name: 'Save reminders' }));
    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual(DEFAULTS);
  });

  it("shows the API's message about a field beneath it", async () => {
    mockFetch((_url, request) =>
      request.method === 'PUT'
        ? [400, { statusCode: 400, code: 'validation_failed', message: ['offsetsMinutes.0 must not be less than 5'] }]
        : [200, { ...DEFAULTS, offsetsMinutes: [1440] }],
    );
    renderInTenant(<ReminderSettingsSection />);
    await screen.findByRole('form', { name: 'Reminders' });
    await userEvent.clear(screen.getByLabelText('Reminder 1'));
    await userEvent.type(screen.getByLabelText('Reminder 1'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save reminders' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/must not be less than 5/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });
});
