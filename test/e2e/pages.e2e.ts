import type { Page } from '@playwright/test';
import type { AvailabilityResponse, Booking, CustomerList } from '@frontdesk/contracts';
import {
  api,
  apiLogin,
  DEMO_ZONE,
  demoCatalog,
  expect,
  nextWeekday,
  OWNER,
  screenshot,
  signIn,
  SUPERADMIN,
  test,
} from './support';

/** Waits until the page has its data: its heading shows and nothing is loading. */
async function settled(page: Page, heading: string | RegExp) {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
}

test('every main page renders with data, without console errors (screenshots in test-artifacts/screenshots)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Arrange a day with bookings of both staff members, a closure and a conversation.
  const owner = await apiLogin(OWNER.email, OWNER.password);
  const { haircut, alex, jordan } = await demoCatalog(owner);
  const date = nextWeekday(DEMO_ZONE, 'thu', 2);
  const slots = (await api<AvailabilityResponse>(owner, 'GET', `/availability?serviceId=${haircut.id}&from=${date}&to=${date}`))
    .body.slots;
  const customers = [
    ['Ana Gómez', '+15550101001', alex.id, 0],
    ['Ben Carter', '+15550101002', jordan.id, 0],
    ['Chloe Diaz', '+15550101003', alex.id, 8],
    ['Dev Patel', '+15550101004', jordan.id, 12],
  ] as const;
  let bookingId = '';
  for (const [name, phone, staffId, index] of customers) {
    const created = await api<Booking>(owner, 'POST', '/bookings', {
      serviceId: haircut.id,
      staffId,
      start: slots[index].start,
      customer: { name, phone },
    });
    expect(created.status).toBe(201);
    bookingId ||= created.body.id;
  }
  await api(owner, 'POST', '/overrides', {
    date,
    kind: 'closed',
    start: '15:00',
    end: '16:00',
    staffId: null,
    note: 'Staff meeting',
  });
  await api(owner, 'POST', '/public/demo/chat', {
    from: '+15550101001',
    text: 'Hi! Do you have time for a haircut on Saturday?',
  });
  const customerId = (await api<CustomerList>(owner, 'GET', '/customers?search=Ana')).body.items[0].id;

  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await screenshot(page, 'sign-in');
  await signIn(page, OWNER.email, OWNER.password);
  await settled(page, 'Dashboard');
  await screenshot(page, 'dashboard');

  await page.goto(`/calendar?date=${date}`);
  await settled(page, 'Calendar');
  await expect(page.getByRole('button', { name: /for Ana Gómez, Confirmed/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Blocked 15:00–16:00 \(whole business\): Staff meeting/ }).first()).toBeVisible();
  await screenshot(page, 'calendar-day');
  await page.getByRole('button', { name: 'Week' }).click();
  await expect(page.getByText(/^Week of/)).toBeVisible();
  await settled(page, 'Calendar');
  await screenshot(page, 'calendar-week');

  await page.goto('/bookings');
  await settled(page, 'Bookings');
  await expect(page.getByRole('row', { name: /Ana Gómez/ })).toBeVisible();
  await screenshot(page, 'bookings');
  await page.goto(`/bookings/${bookingId}`);
  await settled(page, /Haircut · Ana Gómez/);
  await screenshot(page, 'booking-detail');
  await page.getByRole('button', { name: 'Reschedule' }).click();
  await expect(page.getByRole('group', { name: 'Free times' }).locator('button.slot').first()).toBeVisible();
  await screenshot(page, 'booking-reschedule');

  await page.goto('/bookings/new');
  await settled(page, 'New booking');
  await page.getByLabel('Service').selectOption({ label: 'Haircut (30 min)' });
  await expect(page.getByRole('group', { name: 'Free times' }).locator('button.slot').first()).toBeVisible();
  await screenshot(page, 'new-booking');

  await page.goto('/customers');
  await settled(page, 'Customers');
  await screenshot(page, 'customers');
  await page.goto(`/customers/${customerId}`);
  await settled(page, 'Ana Gómez');
  await screenshot(page, 'customer-detail');

  await page.goto('/conversations');
  await settled(page, 'Conversations');
  await page.getByRole('list', { name: 'Threads' }).getByRole('link').first().click();
  await expect(page.getByRole('list', { name: 'Messages' })).toBeVisible();
  await screenshot(page, 'conversations');
  await page.goto('/conversations/playground');
  await settled(page, 'Bot playground');
  await page.getByLabel('Message', { exact: true }).fill('Hi, can I book a haircut?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Chat' }).locator('.message--outbound').first()).toBeVisible();
  await screenshot(page, 'playground');

  for (const [path, heading] of [
    ['/insights', 'Insights'],
    ['/services', 'Services'],
    ['/staff', 'Staff'],
    ['/hours', 'Hours'],
    ['/settings', 'Settings'],
  ] as const) {
    await page.goto(path);
    await settled(page, heading);
    await screenshot(page, heading.toLowerCase());
  }

  // A tablet held upright.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(`/calendar?date=${date}`);
  await settled(page, 'Calendar');
  await screenshot(page, 'tablet-calendar');
  await page.goto('/bookings');
  await settled(page, 'Bookings');
  await screenshot(page, 'tablet-bookings');
  await page.setViewportSize({ width: 1280, height: 860 });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, SUPERADMIN.email, SUPERADMIN.password);
  await settled(page, 'Tenants');
  await screenshot(page, 'tenants');
  await page.getByRole('link', { name: 'Open Demo Barbershop' }).click();
  await settled(page, 'Dashboard');
  await expect(page.getByRole('link', { name: '← All tenants' })).toBeVisible();
  await screenshot(page, 'tenant-dashboard-as-super-admin');
});
