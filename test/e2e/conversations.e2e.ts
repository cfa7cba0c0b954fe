import type { ConversationDetail, ConversationList } from '@frontdesk/contracts';
import { api, apiLogin, expect, OWNER, signIn, test } from './support';

const CUSTOMER = '+15550107788';

test('staff reply to a conversation flagged for staff, then resume the bot', async ({ page }) => {
  // A customer asks the bot for a person (the owner talks as their phone, as the playground does):
  // the conversation is flagged (and the bot paused).
  const owner = await apiLogin(OWNER.email, OWNER.password);
  const chat = await api<{ replies: unknown[] }>(owner, 'POST', '/public/demo/chat', {
    from: CUSTOMER,
    text: 'Can I talk to a human please?',
  });
  expect(chat.status).toBe(200);
  const flagged = await api<ConversationList>(owner, 'GET', '/conversations?flagged=true');
  const thread = flagged.body.items.find((item) => item.customer.phone === CUSTOMER);
  expect(thread).toMatchObject({ flaggedForStaff: true });

  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole('link', { name: 'Conversations' }).click();
  const link = page.getByRole('list', { name: 'Threads' }).getByRole('link', { name: new RegExp(CUSTOMER.replace('+', '\\+')) });
  await expect(link).toContainText('Needs staff');
  // Threads waiting for staff come first.
  await expect(page.getByRole('list', { name: 'Threads' }).getByRole('link').first()).toContainText('Needs staff');
  await link.click();

  const reply = 'Hi, this is Alex from the shop. How can I help?';
  await page.getByLabel('Reply as the business').fill(reply);
  await page.getByRole('button', { name: 'Send reply' }).click();
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText(reply)).toBeVisible();
  await expect(messages.locator('.message--staff')).toContainText('Staff');
  await expect(page.getByLabel('Reply as the business')).toHaveValue('');

  const detail = await api<ConversationDetail>(owner, 'GET', `/conversations/${thread!.id}`);
  expect(detail.body.messages.at(-1)).toMatchObject({ author: 'staff', direction: 'outbound', body: reply });
  expect(detail.body.flaggedForStaff).toBe(false);

  // Hand the conversation back to the bot.
  if (detail.body.botPaused) {
    await page.getByRole('button', { name: 'Resume bot' }).click();
    await expect(page.getByRole('button', { name: 'Pause bot' })).toBeVisible();
  }
  expect((await api<ConversationDetail>(owner, 'GET', `/conversations/${thread!.id}`)).body.botPaused).toBe(false);
});
