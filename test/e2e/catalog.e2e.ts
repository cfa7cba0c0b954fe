import type { ListResponse, Service, WeeklyHours } from '@frontdesk/contracts';
import { api, apiLogin, expect, OWNER, signIn, test } from './support';

test.describe('catalog', () => {
  test.use({ expectedHttpErrors: [400] });

  test('an owner creates a service, seeing the API’s message next to the field first', async ({ page }) => {
    await signIn(page, OWNER.email, OWNER.password);
    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByRole('button', { name: 'New service' }).click();
    const form = page.getByRole('form', { name: 'New service' });
    await form.getByLabel('Name').fill('Kids Cut');
    await form.getByLabel('Duration (minutes)').fill('0');
    await form.getByLabel('Price (USD)').fill('15');
    await form.getByLabel('Also called').fill('kids, child cut');
    await form.getByRole('button', { name: 'Create service' }).click();

    const duration = form.locator('.field', { has: page.getByLabel('Duration (minutes)') });
    await expect(duration.getByText('durationMinutes must not be less than 1')).toBeVisible();
    await expect(form.getByLabel('Duration (minutes)')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('Duration (minutes)').fill('20');
    await form.getByRole('button', { name: 'Create service' }).click();
    await expect(form).toBeHidden();
    const row = page.getByRole('row', { name: /Kids Cut/ });
    await expect(row).toContainText('20 min');
    await expect(row).toContainText('$15.00');
    await expect(row).toContainText('kids, child cut');

    const owner = await apiLogin(OWNER.email, OWNER.password);
    const services = await api<ListResponse<Service>>(owner, 'GET', '/services');
    expect(services.body.items.find((s) => s.name === 'Kids Cut')).toMatchObject({
      durationMinutes: 20,
      priceCents: 1500,
      aliases: ['kids', 'child cut'],
    });
  });

  test('an owner sets weekly hours with several intervals a day', async ({ page }) => {
    await signIn(page, OWNER.email, OWNER.password);
    await page.getByRole('link', { name: 'Hours' }).click();
    const form = page.getByRole('form', { name: 'Weekly opening hours' });
    const sunday = form.getByRole('group', { name: 'Sunday' });
    await expect(sunday.getByText('Closed')).toBeVisible();

    await form.getByRole('button', { name: 'Add hours on Sunday' }).click();
    await form.getByLabel('Sunday from', { exact: true }).fill('10:00');
    await form.getByLabel('Sunday until', { exact: true }).fill('12:00');
    await form.getByRole('button', { name: 'Add hours on Sunday' }).click();
    await form.getByLabel('Sunday from (2)').fill('11:00');
    await form.getByLabel('Sunday until (2)').fill('15:00');
    await form.getByRole('button', { name: 'Save hours' }).click();
    // The API refuses the overlap and says so next to Sunday.
    await expect(sunday.getByText('weekly.sun[1]: overlaps 10:00–12:00')).toBeVisible();

    await form.getByLabel('Sunday from (2)').fill('13:00');
    await form.getByRole('button', { name: 'Save hours' }).click();
    await expect(form.getByText('Hours saved.')).toBeVisible();

    const owner = await apiLogin(OWNER.email, OWNER.password);
    const hours = await api<{ weekly: WeeklyHours }>(owner, 'GET', '/hours');
    expect(hours.body.weekly.sun).toEqual([
      { start: '10:00', end: '12:00' },
      { start: '13:00', end: '15:00' },
    ]);
    expect(hours.body.weekly.tue).toEqual([
      { start: '09:00', end: '12:30' },
      { start: '13:30', end: '19:00' },
    ]);

    await page.reload();
    await expect(page.getByLabel('Sunday until (2)')).toHaveValue('15:00');
  });
});
