import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Booking } from '@frontdesk/contracts';
import { mockFetch, renderInTenant, TEST_USER, testBooking } from '../../../test-utils';
import { BookingDeposit } from './BookingDeposit';

const TENANT = { currency: 'eur', locale: 'es' as const, timezone: 'Europe/Madrid' };

const booking = (fields: Partial<Booking> = {}): Booking =>
  testBooking({
    customer: { id: 'c1', name: 'Ana Gómez', phone: '+34600000001', email: null },
    depositCents: 1500,
    paymentStatus: 'paid',
    ...fields,
  });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('BookingDeposit', () => {
  it('shows nothing for a booking without a deposit', () => {
    mockFetch(() => [404, {}]);
    renderInTenant(<BookingDeposit booking={booking({ depositCents: 0, paymentStatus: 'none' })} tenant={TENANT} />);
    expect(screen.queryByRole('heading', { name: 'Deposit' })).toBeNull();
  });

  it('shows a pending deposit in the tenant currency with its deadline, and no refund', () => {
    mockFetch(() => [404, {}]);
    renderInTenant(
      <BookingDeposit
        booking={booking({ status: 'pending_payment', paymentStatus: 'pending', paymentExpiresAt: '2026-12-01T10:30:00.000Z' })}
        tenant={TENANT}
      />,
    );
    expect(screen.getByTestId('deposit-amount').textContent).toMatch(/15,00\s€/);
    expect(screen.getByText('Deposit due')).toBeTruthy();
    expect(screen.getByText(/has until .*11:30/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refund deposit' })).toBeNull();
  });

  it('refunds a paid deposit only after the owner confirms', async () => {
    const calls = mockFetch((url, request) =>
      request.method === 'POST' && url.pathname === '/api/v1/bookings/b1/refund'
        ? [200, booking({ paymentStatus: 'refunded' })]
        : [404, {}],
    );
    renderInTenant(<BookingDeposit booking={booking()} tenant={TENANT} />);
    expect(screen.getByText('Deposit paid')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Refund deposit' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Ana Gómez');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep the deposit' }));
    expect(calls).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Refund deposit' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: /^Yes, refund/ }));
    expect(await screen.findByRole('button', { name: 'Refund deposit' })).toBeTruthy();
    expect(calls.map((c) => [c.method, c.url, c.headers.authorization])).toEqual([
      ['POST', '/api/v1/bookings/b1/refund', 'Bearer test-token'],
    ]);
  });

  it('shows why a refund was refused', async () => {
    mockFetch(() => [409, { statusCode: 409, code: 'conflict', message: 'Nothing was paid for this booking.' }]);
    renderInTenant(<BookingDeposit booking={booking()} tenant={TENANT} />);
    await userEvent.click(screen.getByRole('button', { name: 'Refund deposit' }));
    await userEvent.click(screen.getByRole('button', { name: /^Yes, refund/ }));
    expect(await screen.findByText('Nothing was paid for this booking.')).toBeTruthy();
  });

  it('offers staff no refund', () => {
    mockFetch(() => [404, {}]);
    renderInTenant(<BookingDeposit booking={booking()} tenant={TENANT} />, { ...TEST_USER, role: 'staff' });
    expect(screen.getByText('Deposit paid')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refund deposit' })).toBeNull();
  });
});
