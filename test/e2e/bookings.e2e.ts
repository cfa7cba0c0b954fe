import type { AvailabilityResponse, Booking } from '@frontdesk/contracts';
import { api, apiLogin, DEMO_ZONE, demoCatalog, expect, nextWeekday, OWNER, signIn, test } from './support';

test('an owner books a walk-in from the bookings page, finds it by phone and cancels it', async ({ page }) => {
  const owner = await apiLogin(OWNER.email, OWNER.password);
  const { alex } = await demoCatalog(owner);
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole('link', { name: 'Bookings' }).click();
  await page.getByRole('link', { name: 'New booking' }).click();

  const form = page.getByRole('form', { name: 'New booking' });
  await form.getByLabel('Service').selectOption({ label: 'Haircut (30 min)' });
  await form.getByLabel('Staff member').selectOption({ label: 'Alex Rivera' });
  const firstSlot = form.getByRole('group', { name: 'Free times' }).locator('button.slot').first();
  await firstSlot.click();
  await expect(firstSlot).toHaveAttribute('aria-pressed', 'true');
  await form.getByLabel('Customer name').fill('Walk-in Wendy');
  await form.getByLabel('Phone').fill('(555) 010-2233');
  await form.getByRole('button', { name: 'Create booking' }).click();

  await expect(page.getByRole('heading', { name: 'Haircut · Walk-in Wendy' })).toBeVisible();
  await expect(page.locator('.details .badge')).toHaveText('Confirmed');
  const id = page.url().split('/').pop()!;
  const created = await api<Booking>(owner, 'GET', `/bookings/${id}`);
  expect(created.body).toMatchObject({
    status: 'confirmed',
    source: 'admin',
    staffId: alex.id,
    customer: { name: 'Walk-in Wendy', phone: '+15550102233' },
  });

  // The list finds it by phone.
  await page.getByRole('link', { name: 'All bookings' }).click();
  await page.getByLabel('Phone or name').fill('+1 555 010 2233');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row', { name: /Walk-in Wendy/ });
  await expect(row).toContainText('Confirmed');
  await row.getByRole('link').click();

  await page.getByRole('button', { name: 'Cancel booking' }).click();
  await page.getByLabel('Reason (optional)').fill('Customer called to cancel');
  await page.getByRole('button', { name: 'Confirm cancellation' }).click();
  await expect(page.locator('.details .badge')).toHaveText('Cancelled');
  expect((await api<Booking>(owner, 'GET', `/bookings/${id}`)).body.status).toBe('cancelled');
  await expect(page.getByRole('button', { name: 'Cancel booking' })).toBeHidden();
});

test('an owner reschedules a booking with the slot picker', async ({ page }) => {
  const owner = await apiLogin(OWNER.email, OWNER.password);
  const { haircut, jordan } = await demoCatalog(owner);
  const date = nextWeekday(DEMO_ZONE, 'wed', 2);
  const slots = await api<AvailabilityResponse>(
    owner,
    'GET',
    `/availability?serviceId=${haircut.id}&from=${date}&to=${date}&staffId=${jordan.id}`,
  );
  const first = slots.body.slots[0];
  // The day's last slot: far from the booking and its buffer.
  const target = slots.body.slots[slots.body.slots.length - 1];
  const booked = await api<Booking>(owner, 'POST', '/bookings', {
    serviceId: haircut.id,
    staffId: jordan.id,
    start: first.start,
    customer: { name: 'Moving Mo', phone: '+15550104455' },
  });
  expect(booked.status).toBe(201);

  await signIn(page, OWNER.email, OWNER.password);
  await page.goto(`/bookings/${booked.body.id}`);
  await page.getByRole('button', { name: 'Reschedule' }).click();
  const picker = page.getByRole('group', { name: 'Free times' });
  // The picker labels slots as the app shows them: "Wed, Dec 2 6:30 PM with Jordan Lee".
  const day = new Intl.DateTimeFormat('en', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
  const time = new Intl.DateTimeFormat('en', { timeZone: DEMO_ZONE, hour: 'numeric', minute: '2-digit' }).format(
    new Date(target.start),
  );
  await picker.getByRole('button', { name: `${day} ${time} with Jordan Lee` }).click();
  await page.getByRole('button', { name: /^Move to / }).click();
  await expect(page.getByRole('button', { name: /^Move to / })).toBeHidden();

  const moved = await api<Booking>(owner, 'GET', `/bookings/${booked.body.id}`);
  expect(moved.body.start).toBe(target.start);
  expect(moved.body.status).toBe('confirmed');
});
