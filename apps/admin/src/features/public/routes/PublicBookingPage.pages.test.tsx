import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import { afterEach, expect, it, vi } from 'vitest';
import type { AvailabilityResponse, AvailableSlot, PublicProfile } from '@frontdesk/contracts';
import { addDays, formatLocalDate, todayIn, zonedToUtc } from '../../../app/time';
import { mockFetch, renderAt } from '../../../test-utils';
import { PublicBookingPage } from './PublicBookingPage';

const NY = 'America/New_York';
const PROFILE: PublicProfile = {
  slug: 'demo',
  name: 'Demo Barbershop',
  timezone: NY,
  currency: 'usd',
  locale: 'en',
  services: [{ id: 'cut', name: 'Haircut', durationMinutes: 30, priceCents: 3000 }],
  staff: [{ id: 'alex', name: 'Alex Rivera', serviceIds: null }],
};
const today = todayIn(NY);
const at = (date: string, time: string): AvailableSlot => {
  const start = zonedToUtc(date, time, NY);
  return { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString(), staffIds: ['alex'] };
};

afterEach(() => {
  vi.unstubAllGlobals();
});

it('shows the days of a busy week that the first answer left for the next, by following nextFrom', async () => {
  // A busy business: the first answer holds today and tomorrow, and says to ask on from the day after.
  const pages: Record<string, Pick<AvailabilityResponse, 'slots' | 'nextFrom'>> = {
    [today]: { slots: [at(today, '17:00'), at(addDays(today, 1), '09:00')], nextFrom: addDays(today, 2) },
    [addDays(today, 2)]: { slots: [at(addDays(today, 4), '11:30')], nextFrom: null },
  };
  const calls = mockFetch((url) => {
    if (url.pathname === '/api/v1/public/demo') return [200, PROFILE];
    if (url.pathname === '/api/v1/public/demo/availability') {
      return [200, { timezone: NY, serviceId: 'cut', ...pages[url.searchParams.get('from')!] }];
    }
    return [404, { statusCode: 404, code: 'not_found', message: 'Not found' }];
  });
  renderAt('/book/demo', <Route path="/book/:slug" element={<PublicBookingPage />} />);
  await userEvent.click(await screen.findByRole('radio', { name: /Haircut/ }));

  const days = within(await screen.findByRole('group', { name: 'Days' }));
  // Only the second answer has times on the fifth day of the week: without it that day is "full".
  const fifthDay = await days.findByRole('button', { name: `${formatLocalDate(addDays(today, 4))}: 1 free time` });
  await userEvent.click(fifthDay);
  expect(await screen.findByRole('button', { name: /11:30 AM/ })).toBeTruthy();
  const froms = calls
    .filter((c) => c.url.includes('/availability'))
    .map((c) => new URL(c.url, 'http://localhost').searchParams.get('from'));
  expect(froms).toEqual([today, addDays(today, 2)]);
});
