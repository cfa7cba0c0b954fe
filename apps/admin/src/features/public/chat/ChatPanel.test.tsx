import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatResponse, PublicProfile } from '@frontdesk/contracts';
import { mockFetch, renderAt } from '../../../test-utils';
import { PublicBookingPage } from '../routes/PublicBookingPage';

const PROFILE: PublicProfile = {
  slug: 'demo',
  name: 'Demo Barbershop',
  timezone: 'America/New_York',
  currency: 'usd',
  locale: 'en',
  services: [{ id: 'cut', name: 'Haircut', durationMinutes: 30, priceCents: 3000 }],
  staff: [{ id: 'alex', name: 'Alex Rivera', serviceIds: null }],
};

const answer = (session: string, text: string, options?: { id: string; label: string }[]): ChatResponse => ({
  session,
  replies: [{ text, ...(options && { options }) }],
  state: 'COLLECTING',
  awaiting: options ? 'slot_choice' : 'date',
  bookingId: null,
});

type Chat = (body: { text: string; session?: string }) => [number, unknown];

function serve(chat: Chat) {
  return mockFetch((url, request) => {
    if (url.pathname === '/api/v1/public/demo') return [200, PROFILE];
    if (url.pathname === '/api/v1/public/demo/chat' && request.method === 'POST')
      return chat(request.body as { text: string; session?: string });
    return [404, { statusCode: 404, code: 'not_found', message: 'Not found' }];
  });
}

const render = () => renderAt('/book/demo', <Route path="/book/:slug" element={<PublicBookingPage />} />);

async function openChat() {
  await userEvent.click(await screen.findByRole('button', { name: 'Chat with us' }));
  return screen.findByRole('region', { name: 'Chat with Demo Barbershop' });
}

async function say(text: string) {
  await userEvent.type(screen.getByLabelText('Your message'), text);
  await userEvent.click(screen.getByRole('button', { name: 'Send' }));
}

describe('the booking page chat', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('opens on demand, starts a session, shows replies and sends an option by its label with the session', async () => {
    const calls = serve(({ text, session }) =>
      session
        ? [200, answer(session, `You chose ${text}.`)]
        : [200, answer('s-1', 'Here is what I have.', [{ id: 'slot:1', label: 'Tue 10:00 AM' }])],
    );
    render();
    const panel = await openChat();
    await say('a haircut tomorrow');
    expect(await within(panel).findByText('Here is what I have.')).toBeTruthy();
    expect(within(panel).getByText('a haircut tomorrow')).toBeTruthy();
    await userEvent.click(within(panel).getByRole('button', { name: 'Tue 10:00 AM' }));
    expect(await within(panel).findByText('You chose Tue 10:00 AM.')).toBeTruthy();

    const sent = calls.filter((c) => c.url.endsWith('/chat')).map((c) => c.body);
    expect(sent).toEqual([{ text: 'a haircut tomorrow' }, { text: 'Tue 10:00 AM', session: 's-1' }]);
    // No account: the chat never sends a token.
    expect(calls.filter((c) => c.url.endsWith('/chat')).every((c) => !('authorization' in c.headers))).toBe(true);
    // The session and the thread survive a reload of the page.
    expect(JSON.parse(sessionStorage.getItem('frontdesk.chat.demo')!)).toMatchObject({ session: 's-1' });
  });

  it('shows the deposit’s Checkout link as a Pay button', async () => {
    const url = 'https://checkout.stripe.test/c/pay/cs_1';
    serve(() => [
      200,
      {
        session: 's-1',
        replies: [{ text: `Please pay the $10.00 deposit here: ${url}`, link: { url, label: 'Pay deposit' } }],
        state: 'PAYMENT_PENDING',
        awaiting: 'payment',
        bookingId: 'b1',
      } satisfies ChatResponse,
    ]);
    render();
    const panel = await openChat();
    await say('yes');
    expect((await within(panel).findByRole('link', { name: 'Pay deposit' })).getAttribute('href')).toBe(url);
  });

  it('starts a new session when the server no longer knows the old one', async () => {
    sessionStorage.setItem(
      'frontdesk.chat.demo',
      JSON.stringify({ session: 'old', lines: [{ from: 'bot', text: 'Earlier reply.' }] }),
    );
    const calls = serve(({ session }) =>
      session === 'old'
        ? [401, { statusCode: 401, code: 'link_invalid', message: 'This link is not valid' }]
        : [200, answer('s-2', 'Hello again!')],
    );
    render();
    const panel = await openChat();
    expect(within(panel).getByText('Earlier reply.')).toBeTruthy();
    await say('hi');
    expect(await within(panel).findByText('Hello again!')).toBeTruthy();
    const sent = calls.filter((c) => c.url.endsWith('/chat')).map((c) => c.body);
    expect(sent).toEqual([{ text: 'hi', session: 'old' }, { text: 'hi' }]);
    await waitFor(() => expect(JSON.parse(sessionStorage.getItem('frontdesk.chat.demo')!)).toMatchObject({ session: 's-2' }));
  });
});
