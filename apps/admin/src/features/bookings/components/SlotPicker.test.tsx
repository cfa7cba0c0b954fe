import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AvailableSlot } from '@frontdesk/contracts';
import { mockFetch, renderInTenant } from '../../../test-utils';
import { useTenantSlotSource } from '../api';
import { groupSlotsByDay, SlotPicker } from './SlotPicker';

const NY = 'America/New_York';
const slot = (start: string, minutes = 30, staffIds = ['ana']): AvailableSlot => ({
  start,
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  staffIds,
});

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('groupSlotsByDay', () => {
  it.each([
    ['empty', [], []],
    ['one day', ['2026-12-01T14:00:00.000Z', '2026-12-01T14:30:00.000Z'], [['2026-12-01', 2]]],
    // 03:00Z on Dec 2 is 22:00 on Dec 1 in New York.
    [
      'late evening stays on its local day',
      ['2026-12-01T23:00:00.000Z', '2026-12-02T03:00:00.000Z', '2026-12-02T14:00:00.000Z'],
      [
        ['2026-12-01', 2],
        ['2026-12-02', 1],
      ],
    ],
  ])('%s', (_case, starts, expected) => {
    const days = groupSlotsByDay(
      starts.map((start) => slot(start)),
      NY,
    );
    expect(days.map((d) => [d.date, d.slots.length])).toEqual(expected);
  });
});

function Picker({ onChange, staffId }: { onChange: (slot: AvailableSlot) => void; staffId?: string }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <SlotPicker
      source={useTenantSlotSource()}
      serviceId="svc-1"
      staffId={staffId}
      timeZone={NY}
      value={value}
      today="2026-12-01"
      staffName={(id) => ({ ana: 'Ana', ben: 'Ben' })[id]}
      onChange={(chosen) => {
        setValue(chosen.start);
        onChange(chosen);
      }}
    />
  );
}

function EmptyPicker() {
  return <SlotPicker source={useTenantSlotSource()} serviceId="" timeZone={NY} value={null} onChange={() => undefined} />;
}

describe('SlotPicker', () => {
  it('asks the availability endpoint for a week and shows the slots by local day and time', async () => {
    const calls = mockFetch(() => [
      200,
      {
        timezone: NY,
        serviceId: 'svc-1',
        slots: [
          slot('2026-12-01T14:00:00.000Z'),
          slot('2026-12-01T14:30:00.000Z', 30, ['ana', 'ben']),
          slot('2026-12-03T20:00:00.000Z'),
        ],
      },
    ]);
    renderInTenant(<Picker onChange={() => undefined} />);
    const tuesday = await screen.findByRole('group', { name: 'Tue, Dec 1' });
    expect(
      within(tuesday)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['9:00 AM', '9:30 AM']);
    expect(within(screen.getByRole('group', { name: 'Thu, Dec 3' })).getByRole('button').textContent).toBe('3:00 PM');
    expect(screen.getByRole('button', { name: 'Tue, Dec 1 9:30 AM with Ana, Ben' })).toBeTruthy();
    const url = new URL(calls[0].url, 'http://localhost');
    expect(url.pathname).toBe('/api/v1/availability');
    expect(Object.fromEntries(url.searchParams)).toEqual({ serviceId: 'svc-1', from: '2026-12-01', to: '2026-12-07' });
    expect(calls[0].headers.authorization).toBe('Bearer test-token');
  });

  it('selects a slot and marks it pressed', async () => {
    mockFetch(() => [
      200,
      { timezone: NY, serviceId: 'svc-1', slots: [slot('2026-12-01T14:00:00.000Z'), slot('2026-12-01T14:30:00.000Z')] },
    ]);
    const onChange = vi.fn();
    renderInTenant(<Picker onChange={onChange} />);
    const button = await screen.findByRole('button', { name: 'Tue, Dec 1 9:30 AM with Ana' });
    await userEvent.click(button);
    expect(onChange).toHaveBeenCalledWith(slot('2026-12-01T14:30:00.000Z'));
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'Tue, Dec 1 9:00 AM with Ana' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('pages a week later and back, never before today', async () => {
    const calls = mockFetch(() => [200, { timezone: NY, serviceId: 'svc-1', slots: [] }]);
    renderInTenant(<Picker onChange={() => undefined} staffId="ben" />);
    await screen.findByText(/No free times/);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Earlier' }).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Later' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(Object.fromEntries(new URL(calls[1].url, 'http://localhost').searchParams)).toEqual({
      serviceId: 'svc-1',
      from: '2026-12-08',
      to: '2026-12-14',
      staffId: 'ben',
    });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Earlier' }).disabled).toBe(false);
  });

  it('shows the API’s message when availability fails', async () => {
    mockFetch(() => [
      400,
      { statusCode: 400, code: 'validation_failed', message: ['to must be at most 31 days after from (2026-12-01)'] },
    ]);
    renderInTenant(<Picker onChange={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toContain('to must be at most 31 days after from');
  });

  it('asks for a service before fetching anything', () => {
    const calls = mockFetch(() => [500, {}]);
    renderInTenant(<EmptyPicker />);
    expect(screen.getByText('Choose a service to see free times.')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });
});
