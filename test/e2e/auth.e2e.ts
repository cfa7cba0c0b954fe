import { expect, OWNER, signIn, test } from './support';

const TENANT_NAV = [
  'Dashboard',
  'Calendar',
  'Bookings',
  'Customers',
  'Conversations',
  'Insights',
  'Services',
  'Staff',
  'Hours',
  'Settings',
];

test.describe('signing in and out', () => {
  test.use({ expectedHttpErrors: [401] });

  test('an owner signs in, keeps the session across a reload and signs out', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);

    await signIn(page, OWNER.email, OWNER.password);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(TENANT_NAV);
    await expect(page.getByText('Demo Barbershop')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.goto('/bookings');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fbookings$/);
  });

  test('a token the API refuses sends the user back to sign in, then on to where they were', async ({ page }) => {
    await signIn(page, OWNER.email, OWNER.password);
    // Replace the stored token with one the API will not accept (as after a secret rotation).
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('frontdesk.session')!) as { accessToken: string };
      session.accessToken = 'x.eyJleHAiOjQxMDI0NDQ4MDB9.y';
      localStorage.setItem('frontdesk.session', JSON.stringify(session));
    });
    await page.goto('/customers');
    await expect(page.getByText('Your session has expired. Please sign in again.')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcustomers$/);

    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  });
});
