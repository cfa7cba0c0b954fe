import type { Page } from '@playwright/test';
import type { AvailabilityResponse, AvailableSlot, Booking, BookingList, PublicProfile } from '@frontdesk/contracts';
import { addDays, api, apiLogin, DEMO_ZONE, demoCatalog, expect, OWNER, screenshot, test, todayIn } from './support';

/** The slot picker's labels, formatted as the app formats them. */
const dayLabel = (date: string) =>
  new Intl.DateTimeFormat('en', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
const timeLabel = (instant: string) =>
  new Intl.DateTimeFormat('en', { timeZone: DEMO_ZONE, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function publicSlots(serviceId: string, from: string, to: string, extra = ''): Promise<AvailableSlot[]> {
  const response = await api<AvailabilityResponse>(
    null,
    'GET',
    `/public/demo/availability?serviceId=${serviceId}&from=${from}&to=${to}${extra}`,
  );
  expect(response.status).toBe(200);
  return response.body.slots;
}

/** Picks a day in the slot picker's day row, then a time of that day. */
async function pickSlot(page: Page, date: string, start: string) {
  const picker = page.getByRole('group', { name: 'Free times' });
  await picker
    .getByRole('group', { name: 'Days' })
    .getByRole('button', { name: new RegExp(`^${escape(dayLabel(date))}: \\d+ free times?$`) })
    .click();
  await picker.getByRole('button', { name: new RegExp(`^${escape(`${dayLabel(date)} ${timeLabel(start)}`)}( with |$)`) }).click();
}

test('a customer books on the public page, then reschedules, changes the service and cancels from the manage link', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const owner = await apiLogin(OWNER.email, OWNER.password);
  const { haircut } = await demoCatalog(owner);
  const profile = (await api<PublicProfile>(null, 'GET', '/public/demo')).body;

  // A day at least two days ahead (outside the 24-hour change window) inside the picker's first week.
  const today = todayIn(DEMO_ZONE);
  const week = await publicSlots(haircut.id, addDays(today, 2), addDays(today, 6));
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_ZONE }).format(new Date(week[0].start));
  const daySlots = week.filter(
    (s) => new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_ZONE }).format(new Date(s.start)) === date,
  );
  expect(daySlots.length).toBeGreaterThan(4);
  const first = daySlots[1];

  // A phone-sized screen: customers arrive from a text message.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/book/demo');
  await expect(page.getByRole('heading', { level: 1, name: `Book at ${profile.name}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await page.getByRole('radio', { name: /^Haircut 30 min · \$30\.00$/ }).check();
  await pickSlot(page, date, first.start);
  await expect(page.getByText(/^Chosen: /)).toContainText(timeLabel(first.start));
  await page.getByLabel('Name').fill('Paula Public');
  await page.getByLabel('Phone').fill('+1 555 010 7788');
  await page.getByLabel('Email (optional)').fill('paula@example.test');
  await screenshot(page, 'public-booking');
  await page.getByRole('button', { name: 'Book appointment' }).click();

  await expect(page.getByRole('heading', { name: 'You’re booked' })).toBeVisible();
  await screenshot(page, 'public-booking-confirmed');
  const found = await api<BookingList>(owner, 'GET', `/bookings?from=${date}&to=${date}&search=Paula%20Public`);
  expect(found.body.items).toHaveLength(1);
  const booking = found.body.items[0];
  expect(booking).toMatchObject({ start: first.start, source: 'web', status: 'confirmed', serviceId: haircut.id });
  expect(booking.customer).toMatchObject({ phone: '+15550107788', email: 'paula@example.test' });

  // The manage link from the confirmation.
  await page.getByRole('link', { name: 'Manage your booking' }).click();
  await expect(page).toHaveURL(/\/manage\/[^/]+$/);
  const firstLink = page.url();
  await expect(page.getByRole('heading', { name: 'Your appointment' })).toBeVisible();
  await expect(page.getByTestId('booking-status')).toHaveText('Confirmed');
  await expect(page.getByText('Haircut · 30 min · $30.00')).toBeVisible();
  await screenshot(page, 'manage-booking');

  // Reschedule to the day's last time: the picker offers the booking's own day around it.
  await page.getByRole('button', { name: 'Reschedule' }).click();
  await page.getByLabel('With').selectOption({ label: 'Anyone' });
  const target = (await publicSlots(haircut.id, date, date, `&excludeBookingId=${booking.id}`)).at(-1)!;
  expect(target.start).not.toBe(first.start);
  await pickSlot(page, date, target.start);
  await screenshot(page, 'manage-booking-reschedule');
  await page.getByRole('button', { name: /^Move to / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Moved to' })).toContainText(timeLabel(target.start));
  // A new time comes with a new link; the page moved to it.
  await expect(page).not.toHaveURL(firstLink);
  await expect(page).toHaveURL(/\/manage\/[^/]+$/);
  const moved = await api<Booking>(owner, 'GET', `/bookings/${booking.id}`);
  expect(moved.body).toMatchObject({ start: target.start, status: 'confirmed' });

  // Change the service: a beard trim instead, at a time free for it.
  const beard = profile.services.find((s) => s.name === 'Beard Trim')!;
  await page.getByRole('button', { name: 'Reschedule' }).click();
  await page.getByLabel('Service').selectOption({ label: 'Beard Trim · 20 min · $18.00' });
  await page.getByLabel('With').selectOption({ label: 'Anyone' });
  const trimAt = (await publicSlots(beard.id, date, date, `&excludeBookingId=${booking.id}`))[0];
  await pickSlot(page, date, trimAt.start);
  await page.getByRole('button', { name: /^Change to Beard Trim at / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Changed to Beard Trim' })).toContainText(timeLabel(trimAt.start));
  await expect(page.getByText('Beard Trim · 20 min · $18.00')).toBeVisible();
  expect((await api<Booking>(owner, 'GET', `/bookings/${booking.id}`)).body).toMatchObject({
    serviceId: beard.id,
    start: trimAt.start,
    status: 'confirmed',
  });

  // Cancel, confirming first.
  await page.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(page.getByRole('region', { name: 'Cancel appointment' })).toContainText('Cancel this appointment?');
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(page.getByTestId('booking-status')).toHaveText('Cancelled');
  await expect(page.getByRole('button', { name: 'Reschedule' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: `Book a new appointment at ${profile.name}` })).toBeVisible();
  expect((await api<Booking>(owner, 'GET', `/bookings/${booking.id}`)).body.status).toBe('cancelled');
});

test('a customer opens the chat on the booking page and the assistant answers', async ({ page }) => {
  const profile = (await api<PublicProfile>(null, 'GET', '/public/demo')).body;
  await page.goto('/book/demo');
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const chat = page.getByRole('region', { name: `Chat with ${profile.name}` });
  await chat.getByLabel('Your message').fill('What are your prices?');
  await chat.getByRole('button', { name: 'Send' }).click();
  const lines = chat.getByRole('list', { name: 'Chat messages' });
  await expect(lines).toContainText('What are your prices?');
  await expect(lines).toContainText('We offer:');
  await screenshot(page, 'booking-page-chat');
});

test.describe('links that do not work', () => {
  test.use({ expectedHttpErrors: [401, 404] });

  test('an unknown business and a tampered manage link say what is wrong', async ({ page }) => {
    await page.goto('/book/no-such-business');
    await expect(page.getByRole('heading', { name: 'Business not found' })).toBeVisible();
    await page.goto('/manage/not.a.token');
    await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
  });
});
