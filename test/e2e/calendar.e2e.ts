import { apiLogin, DEMO_ZONE, demoCatalog, expect, nextWeekday, OWNER, signIn, slotStarts, test } from './support';

test('an owner blocks a time range in the calendar and that slot leaves availability', async ({ page }) => {
  const owner = await apiLogin(OWNER.email, OWNER.password);
  const { haircut, jordan, alex } = await demoCatalog(owner);
  // A Tuesday (open 09:00–12:30) far enough ahead for the minimum notice.
  const date = nextWeekday(DEMO_ZONE, 'tue', 2);
  expect(await slotStarts(owner, haircut.id, date, jordan.id)).toEqual(expect.arrayContaining(['10:00', '10:30', '11:00']));

  await signIn(page, OWNER.email, OWNER.password);
  await page.goto(`/calendar?date=${date}`);
  const column = page.locator(`[data-column="${date}|${jordan.id}"]`);
  await expect(column).toBeVisible();

  // Drag from 10:00 to 11:00 in Jordan's column.
  const box = (await column.boundingBox())!;
  const startMinute = Number(await column.getAttribute('data-start-minute'));
  const pxPerMinute = Number(await column.getAttribute('data-px-per-minute'));
  await column.scrollIntoViewIfNeeded();
  const y = (minute: number) => (minute - startMinute) * pxPerMinute;
  const fresh = (await column.boundingBox())!;
  await page.mouse.move(fresh.x + box.width / 2, fresh.y + y(600) + 2);
  await page.mouse.down();
  await page.mouse.move(fresh.x + box.width / 2, fresh.y + y(630), { steps: 5 });
  await page.mouse.move(fresh.x + box.width / 2, fresh.y + y(660) + 2, { steps: 5 });
  await page.mouse.up();

  const form = page.getByRole('form', { name: /10:00–11:00/ });
  await expect(form.getByLabel('From')).toHaveValue('10:00');
  await expect(form.getByLabel('Until')).toHaveValue('11:00');
  await expect(form.getByLabel('Applies to')).toHaveValue(jordan.id);
  await form.getByLabel('Note').fill('Dentist');
  await form.getByRole('button', { name: 'Block this time' }).click();
  await expect(form).toBeHidden();
  await expect(column.getByRole('button', { name: 'Blocked 10:00–11:00: Dentist' })).toBeVisible();

  const after = await slotStarts(owner, haircut.id, date, jordan.id);
  expect(after).not.toContain('10:00');
  expect(after).not.toContain('10:30');
  expect(after).toContain('11:00');
  // Only Jordan's time was blocked.
  expect(await slotStarts(owner, haircut.id, date, alex.id)).toContain('10:00');
});
