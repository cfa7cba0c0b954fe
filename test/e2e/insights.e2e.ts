import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type {
  AnalyticsRangeQuery,
  AnalyticsSummary,
  AvailabilityResponse,
  Booking,
  NoShowBreakdown,
  NoShowBreakdownResponse,
} from '@frontdesk/contracts';
import { formatMoney } from '../../apps/admin/src/app/time';
import { formatCount, formatRate, shareOf } from '../../apps/admin/src/features/insights/format';
import {
  addDays,
  api,
  apiLogin,
  baseUrl,
  DEMO_ZONE,
  demoCatalog,
  expect,
  nextWeekday,
  OWNER,
  screenshot,
  signIn,
  test,
  todayIn,
  type ApiSession,
} from './support';

/** A table's body rows as cell texts, the row header first. */
async function rowsOf(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')));
}

async function noShows(owner: ApiSession, range: AnalyticsRangeQuery, by: NoShowBreakdown) {
  const answer = await api<NoShowBreakdownResponse>(
    owner,
    'GET',
    `/analytics/no-shows?from=${range.from}&to=${range.to}&by=${by}`,
  );
  expect(answer.status, `no-shows by ${by}`).toBe(200);
  return answer.body.rows;
}

/** The breakdown's table holds the API's rows, and its chart (named `chart`) is drawn. */
async function expectBreakdown(
  page: Page,
  owner: ApiSession,
  range: AnalyticsRangeQuery,
  by: NoShowBreakdown,
  caption: string,
  chart: string,
) {
  const rows = await noShows(owner, range, by);
  expect(await rowsOf(page.getByRole('table', { name: caption }))).toEqual(
    rows.map((row) => [row.label, formatCount(row.bookings), formatCount(row.noShows), formatRate(row.rate)]),
  );
  if (rows.length > 0) await expect(page.getByRole('img', { name: chart }).locator('svg.recharts-surface')).toBeVisible();
}

test('the Insights page charts the demo tenant’s bookings and its tables say what the API says', async ({ page }) => {
  // A booking of our own, so the range holds at least one whatever ran before.
  const owner = await apiLogin(OWNER.email, OWNER.password);
  const { haircut, jordan } = await demoCatalog(owner);
  const date = nextWeekday(DEMO_ZONE, 'wed', 3);
  const slots = await api<AvailabilityResponse>(
    owner,
    'GET',
    `/availability?serviceId=${haircut.id}&from=${date}&to=${date}&staffId=${jordan.id}`,
  );
  const booked = await api<Booking>(owner, 'POST', '/bookings', {
    serviceId: haircut.id,
    staffId: jordan.id,
    start: slots.body.slots[slots.body.slots.length - 1].start,
    customer: { name: 'Iris Insight', phone: '+15550107788' },
  });
  expect(booked.status).toBe(201);

  const today = todayIn(DEMO_ZONE);
  const range = { from: addDays(today, -89), to: addDays(today, 30) };
  const summary = await api<AnalyticsSummary>(owner, 'GET', `/analytics/summary?from=${range.from}&to=${range.to}`);
  expect(summary.status).toBe(200);
  expect(summary.body.bookings.total).toBeGreaterThan(0);

  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  // Opens on the last 90 days.
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(addDays(today, -89));
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(today);

  await page.getByLabel('To', { exact: true }).fill(range.to);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`/insights\\?from=${range.from}&to=${range.to}$`));
  await expect(page.locator('.loading')).toHaveCount(0);

  const overview = await rowsOf(page.getByRole('table', { name: 'Bookings in the range by what became of them' }));
  expect(overview).toContainEqual(['Bookings', formatCount(summary.body.bookings.total)]);
  expect(overview).toContainEqual(['No-shows', formatCount(summary.body.bookings.noShow)]);
  expect(overview).toContainEqual(['No-show rate', formatRate(summary.body.noShowRate)]);

  await expectBreakdown(page, owner, range, 'week', 'No-shows by week (weeks start on Monday)', 'weekly no-show rate');
  await expectBreakdown(page, owner, range, 'weekday', 'No-shows by weekday', 'no-show rate by weekday');
  await expectBreakdown(page, owner, range, 'hour', 'No-shows by local start hour', 'no-show rate by local start hour');
  await expectBreakdown(page, owner, range, 'service', 'No-shows by service', 'no-show rate by service');
  await expectBreakdown(page, owner, range, 'staff', 'No-shows by staff member', 'no-show rate by staff member');
  await expectBreakdown(page, owner, range, 'riskTier', 'No-shows by risk tier', 'no-show rate by risk tier');

  const { reminders, conversations, deposits } = summary.body;
  const money = (cents: number) => formatMoney(cents, 'usd');
  const ofCollected = (cents: number) =>
    shareOf(deposits.collectedCents > 0 ? cents / deposits.collectedCents : null, 'of collected') ?? '';
  expect(await rowsOf(page.getByRole('table', { name: 'Deposits collected, refunded and kept' }))).toEqual([
    ['Collected', money(deposits.collectedCents), ''],
    ['Refunded', money(deposits.refundedCents), ofCollected(deposits.refundedCents)],
    ['Kept', money(deposits.keptCents), ofCollected(deposits.keptCents)],
  ]);
  expect(await rowsOf(page.getByRole('table', { name: 'Reminders sent, delivered and confirmed by reply' }))).toEqual([
    ['Sent', formatCount(reminders.sent), ''],
    ['Delivered', formatCount(reminders.delivered), shareOf(reminders.deliveryRate, 'delivered') ?? ''],
    ['Failed', formatCount(reminders.failed), ''],
    ['Confirmed by reply', formatCount(reminders.confirmedByReply), shareOf(reminders.confirmationRate, 'confirmed') ?? ''],
  ]);
  expect(await rowsOf(page.getByRole('table', { name: 'Conversations started and those that ended in a booking' }))).toEqual([
    ['Conversations started', formatCount(conversations.started), ''],
    ['Ended in a booking', formatCount(conversations.booked), shareOf(conversations.conversionRate, 'converted') ?? ''],
  ]);

  await screenshot(page, 'insights-with-bookings');

  // The CSV is the API's export of the same range, saved as a file.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`bookings-${range.from}-to-${range.to}.csv`);
  const saved = await download.path();
  const fromApi = await fetch(`${baseUrl()}/api/v1/analytics/bookings.csv?from=${range.from}&to=${range.to}`, {
    headers: { authorization: `Bearer ${owner.token}` },
  });
  expect(fromApi.status).toBe(200);
  const csv = await readFile(saved, 'utf8');
  expect(csv).toBe(await fromApi.text());
  expect(csv).toContain(booked.body.id);
});
