import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CustomerConfirmedMark } from './CustomerConfirmedMark';

describe('CustomerConfirmedMark', () => {
  it('marks a booking the customer confirmed, in words or as a labelled tick', () => {
    render(
      <>
        <CustomerConfirmedMark at="2026-12-09T15:07:00.000Z" />
        <CustomerConfirmedMark at="2026-12-09T15:07:00.000Z" compact />
      </>,
    );
    expect(screen.getByText('✓ Confirmed by customer')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Confirmed by customer' }).textContent).toBe('✓');
  });

  it.each([null, undefined])('shows nothing when the customer has not confirmed (%s)', (at) => {
    const { container } = render(<CustomerConfirmedMark at={at} />);
    expect(container.textContent).toBe('');
  });
});
