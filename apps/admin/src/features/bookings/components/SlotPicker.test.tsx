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

function Picker({
  onChange,
  staffId,
  layout,
  excludeBookingId,
  outside,
}: {
  onChange: (slot: AvailableSlot) => void;
  staffId?: string;
  layout?: 'week' | 'day';
  excludeBookingId?: string;
  /** A slot the page chooses without the picker (an alternative the API offered). */
  outside?: AvailableSlot;
}) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <>
      {outside && (
        <button type="button" onClick={() => setValue(outside.start)}>
          Choose from outside
        </button>
      )}
      <SlotPicker
        layout={layout}
        excludeBookingId={excludeBookingId}
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
    </>
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

  it('asks again from nextFrom until the week is done, and shows every answer’s days', async () => {
    // Each answer holds whole days up to a limit and names the date to go on from.
    const pages: Record<string, { slots: AvailableSlot[]; nextFrom: string | null }> = {
      '2026-12-01': { slots: [slot('2026-12-01T14:00:00.000Z'), slot('2026-12-02T14:00:00.000Z')], nextFrom: '2026-12-03' },
      '2026-12-03': { slots: [slot('2026-12-03T15:00:00.000Z')], nextFrom: '2026-12-06' },
      '2026-12-06': { slots: [slot('2026-12-07T16:00:00.000Z')], nextFrom: null },
    };
    const calls = mockFetch((url) => [200, { timezone: NY, serviceId: 'svc-1', ...pages[url.searchParams.get('from')!] }]);
    renderInTenant(<Picker onChange={() => undefined} />);
    expect(await screen.findByRole('button', { name: 'Mon, Dec 7 11:00 AM with Ana' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Thu, Dec 3 10:00 AM with Ana' })).toBeTruthy();
    expect(screen.getAllByRole('group', { name: /Dec/ }).map((g) => g.querySelector('legend')?.textContent)).toEqual([
      'Tue, Dec 1',
      'Wed, Dec 2',
      'Thu, Dec 3',
      'Mon, Dec 7',
    ]);
    expect(calls.map((c) => Object.fromEntries(new URL(c.url, 'http://localhost').searchParams))).toEqual(
      ['2026-12-01', '2026-12-03', '2026-12-06'].map((from) => ({ serviceId: 'svc-1', from, to: '2026-12-07' })),
    );
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

  it('passes the booking being rescheduled on to the availability endpoint', async () => {
    const calls = mockFetch(() => [200, { timezone: NY, serviceId: 'svc-1', slots: [] }]);
    renderInTenant(<Picker onChange={() => undefined} excludeBookingId="booking-7" />);
    await screen.findByText(/No free times/);
    expect(new URL(calls[0].url, 'http://localhost').searchParams.get('excludeBookingId')).toBe('booking-7');
  });

  describe('day layout', () => {
    const week = [
      slot('2026-12-02T14:00:00.000Z'),
      slot('2026-12-02T15:00:00.000Z'),
      slot('2026-12-04T16:00:00.000Z'),
      slot('2026-12-05T17:00:00.000Z'),
    ];

    it('shows the week’s days with their free times and opens the first day that has any', async () => {
      mockFetch(() => [200, { timezone: NY, serviceId: 'svc-1', slots: week }]);
      renderInTenant(<Picker onChange={() => undefined} layout="day" />);
      const days = within(await screen.findByRole('group', { name: 'Days' })).getAllByRole<HTMLButtonElement>('button');
      expect(days.map((d) => [d.getAttribute('aria-label'), d.disabled, d.getAttribute('aria-pressed')])).toEqual([
        ['Tue, Dec 1: no free times', true, 'false'],
        ['Wed, Dec 2: 2 free times', false, 'true'],
        ['Thu, Dec 3: no free times', true, 'false'],
        ['Fri, Dec 4: 1 free time', false, 'false'],
        ['Sat, Dec 5: 1 free time', false, 'false'],
        ['Sun, Dec 6: no free times', true, 'false'],
        ['Mon, Dec 7: no free times', true, 'false'],
      ]);
      // Only the open day's times are on screen.
      expect(screen.getAllByRole('button', { name: /^Wed, Dec 2 / }).map((b) => b.textContent)).toEqual(['9:00 AM', '10:00 AM']);
      expect(screen.queryByRole('group', { name: 'Fri, Dec 4' })).toBeNull();
    });

    it('switches day and keeps the chosen time’s day open', async () => {
      mockFetch(() => [200, { timezone: NY, serviceId: 'svc-1', slots: week }]);
      const onChange = vi.fn();
      renderInTenant(<Picker onChange={onChange} layout="day" />);
      await userEvent.click(await screen.findByRole('button', { name: 'Fri, Dec 4: 1 free time' }));
      expect(screen.queryByRole('group', { name: 'Wed, Dec 2' })).toBeNull();
      await userEvent.click(within(screen.getByRole('group', { name: 'Fri, Dec 4' })).getByRole('button', { name: /11:00 AM/ }));
      expect(onChange).toHaveBeenCalledWith(week[2]);
      expect(screen.getByRole('button', { name: 'Fri, Dec 4: 1 free time' }).getAttribute('aria-pressed')).toBe('true');
    });

    it('brings a time chosen from outside into view, in a later week too', async () => {
      const nextWeek = slot('2026-12-10T15:00:00.000Z');
      const calls = mockFetch((url) => [
        200,
        { timezone: NY, serviceId: 'svc-1', slots: url.searchParams.get('from') === '2026-12-01' ? week : [nextWeek] },
      ]);
      renderInTenant(<Picker onChange={() => undefined} layout="day" outside={nextWeek} />);
      await screen.findByRole('group', { name: 'Days' });
      await userEvent.click(screen.getByRole('button', { name: 'Choose from outside' }));
      const chosen = await screen.findByRole('button', { name: /^Thu, Dec 10 10:00 AM/ });
      expect(chosen.getAttribute('aria-pressed')).toBe('true');
      expect(new URL(calls[calls.length - 1].url, 'http://localhost').searchParams.get('from')).toBe('2026-12-10');
    });
  });
});
