import { expect, type Page, test as base } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { AvailabilityResponse, ListResponse, LoginResponse, Service, Staff } from '@frontdesk/contracts';
import { join } from 'node:path';

export const SUPERADMIN = { email: 'root@e2e.frontdesk.test', password: 'e2e-superadmin-password' };
export const OWNER = { email: 'owner@demo.frontdesk.local', password: 'demo-owner-password' };
export const DEMO_ZONE = 'America/New_York';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through playwright.config.ts (npm run test:e2e)');
  return url;
}

/**
 * Fails every test on a console error or uncaught exception in the app. The browser itself
 * logs each 4xx answer as "Failed to load resource"; a test that provokes one on purpose
 * (a validation message, an expired token) lists its status in `expectedHttpErrors`.
 */
export const test = base.extend<{ expectedHttpErrors: number[]; consoleErrors: string[] }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern; this has none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(baseUrl()),
  expectedHttpErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedHttpErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const status = /status of (\d{3})/.exec(message.text());
        if (status && expectedHttpErrors.includes(Number(status[1]))) return;
        errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

// ---- Talking to the API directly, to arrange data and check results ----

export interface ApiSession {
  token: string;
  tenantId: string | null;
}

export async function apiLogin(email: string, password: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as LoginResponse;
  return { token: body.accessToken, tenantId: body.user.tenantId };
}

export async function api<T>(
  session: ApiSession | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

// ---- Dates in the tenant's zone ----

/** Today's date in a zone, YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The first given weekday at least `minDaysAhead` days after today (in the zone). */
export function nextWeekday(timeZone: string, weekday: string, minDaysAhead: number): string {
  let date = addDays(todayIn(timeZone), minDaysAhead);
  while (WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] !== weekday) date = addDays(date, 1);
  return date;
}

/** The local wall-clock time (HH:MM) of an instant in a zone. */
export function localTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

export async function demoCatalog(session: ApiSession) {
  const services = (await api<ListResponse<Service>>(session, 'GET', '/services')).body.items;
  const staff = (await api<ListResponse<Staff>>(session, 'GET', '/staff')).body.items;
  const byName = <T extends { name: string }>(items: T[], name: string) => {
    const found = items.find((item) => item.name === name);
    if (!found) throw new Error(`no ${name} in ${items.map((i) => i.name).join(', ')}`);
    return found;
  };
  return { haircut: byName(services, 'Haircut'), jordan: byName(staff, 'Jordan Lee'), alex: byName(staff, 'Alex Rivera') };
}

export async function slotStarts(session: ApiSession, serviceId: string, date: string, staffId: string): Promise<string[]> {
  const response = await api<AvailabilityResponse>(
    session,
    'GET',
    `/availability?serviceId=${serviceId}&from=${date}&to=${date}&staffId=${staffId}`,
  );
  expect(response.status).toBe(200);
  return response.body.slots.map((slot) => localTime(slot.start, DEMO_ZONE));
}
