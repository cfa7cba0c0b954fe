import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CreateBookingRequest } from '@frontdesk/contracts';
import { mockFetch, networkFailure, renderInTenant } from '../../test-utils';
import { useCreateBooking } from './api';

const request = (name: string): CreateBookingRequest => ({
  serviceId: 'cut',
  start: '2026-12-01T15:00:00.000Z',
  customer: { name, phone: '+15550101001' },
});

/** The create-booking mutation behind buttons, as a form drives it. */
function Probe() {
  const create = useCreateBooking();
  return (
    <>
      <button type="button" onClick={() => create.mutate(request('Ana'))}>
        Book Ana
      </button>
      <button type="button" onClick={() => create.mutate(request('Ben'))}>
        Book Ben
      </button>
      <p>{create.isSuccess ? 'Booked' : create.isError ? 'Failed' : 'Idle'}</p>
    </>
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('useCreateBooking', () => {
  it('sends one Idempotency-Key per submission, the same again when it is retried', async () => {
    let attempts = 0;
    const calls = mockFetch(() => {
      attempts += 1;
      if (attempts === 1) throw networkFailure();
      return [201, { id: `b${attempts}`, manageUrl: 'http://localhost/manage/x' }];
    });
    renderInTenant(<Probe />);

    await userEvent.click(screen.getByRole('button', { name: 'Book Ana' }));
    await screen.findByText('Failed');
    await userEvent.click(screen.getByRole('button', { name: 'Book Ana' }));
    await screen.findByText('Booked');
    // After a success the next submission is a new one, even with the same details.
    await userEvent.click(screen.getByRole('button', { name: 'Book Ana' }));
    await userEvent.click(screen.getByRole('button', { name: 'Book Ben' }));
    await waitFor(() => expect(calls).toHaveLength(4));

    expect(calls.every((c) => c.method === 'POST' && c.url === '/api/v1/bookings')).toBe(true);
    expect(calls.every((c) => c.headers.authorization === 'Bearer test-token')).toBe(true);
    const [failed, retried, again, other] = calls.map((c) => c.headers['idempotency-key']);
    expect(failed).toMatch(/^[0-9a-f-]{36}$/);
    expect(retried).toBe(failed);
    expect(new Set([failed, again, other]).size).toBe(3);
  });
});
