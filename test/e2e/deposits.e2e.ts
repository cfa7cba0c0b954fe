import type { AvailabilityResponse, Service, Tenant } from '@frontdesk/contracts';
import { addDays, api, apiLogin, expect, screenshot, SUPERADMIN, test, todayIn } from './support';

// Needs the deposit booking flow (bookings created `pending_payment` with a Checkout Session, and
// /webhooks/stripe confirming them): the global setup points the app at the fake Stripe, whose
// hosted Checkout page pays, posts the signed `checkout.session.completed` and redirects back.

const ZONE = 'America/Chicago';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const dayLabel = (date: string) =>
  new Intl.DateTimeFormat('en', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
const timeLabel = (instant: string) =>
  new Intl.DateTimeFormat('en', { timeZone: ZONE, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
const localDate = (instant: string) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(instant));

const DAY = [{ start: '09:00', end: '17:00' }];

/** A business of its own, open every day, with one service that asks a $10 deposit. */
async function depositBusiness() {
  const admin = await apiLogin(SUPERADMIN.email, SUPERADMIN.password);
  const slug = `deposit-${Date.now().toString(36)}`;
  const owner = { email: `dana@${slug}.test`, name: 'Dana Deposit', password: 'amber-lantern-river-42' };
  const created = await api<Tenant>(admin, 'POST', '/admin/tenants', {
    name: 'Deposit Barbers',
    slug,
    timezone: ZONE,
    currency: 'usd',
    country: 'US',
    locale: 'en',
    owner,
  });
  expect(created.body).toMatchObject({ slug });
  const session = await apiLogin(owner.email, owner.password);
  const weekly = { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: DAY, sun: DAY };
  expect((await api(session, 'PUT', '/hours', { weekly })).status).toBe(200);
  const service = await api<Service>(session, 'POST', '/services', {
    name: 'Color',
    durationMinutes: 30,
    priceCents: 4000,
    deposit: { type: 'fixed', amountCents: 1000 },
  });
  expect(service.status).toBe(201);
  const deposits = await api(session, 'PUT', '/settings/deposits', {
    enabled: true,
    default: { type: 'none' },
    primeTime: null,
    weekend: null,
    repeatNoShow: null,
    highRisk: null,
    paymentWindowMinutes: 30,
    refundOnTimelyCancel: true,
  });
  expect(deposits.status).toBe(200);
  return { slug, service: service.body };
}

test('a customer pays the deposit on Checkout and comes back to a confirmed, paid booking', async ({ page }) => {
  test.setTimeout(120_000);
  const { slug, service } = await depositBusiness();
  const from = addDays(todayIn(ZONE), 2);
  const slots = await api<AvailabilityResponse>(
    null,
    'GET',
    `/public/${slug}/availability?serviceId=${service.id}&from=${from}&to=${addDays(from, 4)}`,
  );
  const slot = slots.body.slots[0];
  const date = localDate(slot.start);

  await page.goto(`/book/${slug}`);
  await page.getByRole('radio', { name: /^Color 30 min · \$40\.00$/ }).check();
  const picker = page.getByRole('group', { name: 'Free times' });
  await picker
    .getByRole('group', { name: 'Days' })
    .getByRole('button', { name: new RegExp(`^${escape(dayLabel(date))}: \\d+ free times?$`) })
    .click();
  await picker
    .getByRole('button', { name: new RegExp(`^${escape(`${dayLabel(date)} ${timeLabel(slot.start)}`)}( with |$)`) })
    .click();
  await page.getByLabel('Name').fill('Pat Payer');
  await page.getByLabel('Phone').fill('+1 555 010 4242');
  await page.getByRole('button', { name: 'Book appointment' }).click();

  // Sent on to (the fake) Stripe Checkout.
  await expect(page.getByRole('heading', { name: 'Fake Stripe Checkout' })).toBeVisible();
  expect(page.url()).toMatch(/\/checkout\/cs_test_[0-9a-f]+$/);
  await page.getByRole('button', { name: 'Pay 10.00 USD' }).click();

  // Back on the manage page: the signed webhook confirmed it before the redirect.
  await expect(page).toHaveURL(/\/manage\/[^?]+\?payment=success$/);
  await expect(page.getByTestId('payment-state')).toHaveText(/^Deposit paid: \$10\.00\./);
  await expect(page.getByTestId('booking-status')).toHaveText('Confirmed');
  await screenshot(page, 'deposit-paid-manage');
});
