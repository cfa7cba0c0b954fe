import type { ListResponse, Tenant } from '@frontdesk/contracts';
import { api, apiLogin, expect, signIn, SUPERADMIN, test } from './support';

const NEW_OWNER = { name: 'Fiona Fade', email: 'fiona@fade-masters.test', password: 'fade-masters-pass' };

test.describe('super-admin', () => {
  test.use({ expectedHttpErrors: [409] });

  test('onboards a business, opens its views, suspends and reactivates it; its owner signs in', async ({ page }) => {
    await signIn(page, SUPERADMIN.email, SUPERADMIN.password);
    await expect(page).toHaveURL(/\/tenants$/);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Tenants']);
    await expect(page.getByRole('row', { name: /Demo Barbershop/ })).toContainText('Active');

    await page.getByRole('button', { name: 'Onboard a business' }).click();
    const form = page.getByRole('form', { name: 'Onboard a business' });
    await form.getByLabel('Business name').fill('Fade Masters');
    await expect(form.getByLabel('Slug')).toHaveValue('fade-masters');
    await form.getByLabel('Slug').fill('demo');
    await form.getByLabel('Time zone').fill('America/Chicago');
    await form.getByLabel('Owner name').fill(NEW_OWNER.name);
    await form.getByLabel('Owner email').fill(NEW_OWNER.email);
    await form.getByLabel('Owner password').fill(NEW_OWNER.password);
    await form.getByRole('button', { name: 'Create business' }).click();
    // The slug is taken: said next to the slug.
    await expect(form.locator('.field', { has: page.getByLabel('Slug') }).getByText(/already in use/)).toBeVisible();

    await form.getByLabel('Slug').fill('fade-masters');
    await form.getByRole('button', { name: 'Create business' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Fade Masters is ready' })).toBeVisible();
    const row = page.getByRole('row', { name: /Fade Masters/ });
    await expect(row).toContainText('America/Chicago');
    await expect(row).toContainText('Active');

    // Open the tenant's own views: every request carries X-Tenant-Id.
    await row.getByRole('link', { name: 'Open Fade Masters' }).click();
    await expect(page.getByRole('banner')).toContainText('Fade Masters');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
    await expect(page.getByRole('row', { name: new RegExp(NEW_OWNER.name) })).toBeVisible();
    await page.getByRole('link', { name: '← All tenants' }).click();

    await page.getByRole('button', { name: 'Suspend Fade Masters' }).click();
    await expect(page.getByRole('row', { name: /Fade Masters/ })).toContainText('Suspended');
    const admin = await apiLogin(SUPERADMIN.email, SUPERADMIN.password);
    const listed = await api<ListResponse<Tenant>>(admin, 'GET', '/admin/tenants');
    expect(listed.body.items.find((t) => t.slug === 'fade-masters')?.status).toBe('suspended');
    await page.getByRole('button', { name: 'Activate Fade Masters' }).click();
    await expect(page.getByRole('row', { name: /Fade Masters/ })).toContainText('Active');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, NEW_OWNER.email, NEW_OWNER.password);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Fade Masters');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' })).toHaveCount(0);
  });
});
