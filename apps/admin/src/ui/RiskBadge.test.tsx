import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RiskBadge } from './RiskBadge';

describe('RiskBadge', () => {
  it('marks a high-risk booking with its reasons as the tooltip', () => {
    render(<RiskBadge risk={{ score: 0.41, tier: 'high', reasons: ['prior_no_shows', 'long_lead_time'] }} />);
    const badge = screen.getByText('High risk');
    expect(badge.getAttribute('title')).toBe('High no-show risk: missed earlier visits, booked far ahead');
    expect(screen.getByLabelText('High no-show risk: missed earlier visits, booked far ahead')).toBe(badge);
  });

  it('shows nothing for low and medium risk', () => {
    const { container } = render(
      <>
        <RiskBadge risk={{ score: 0.05, tier: 'low', reasons: [] }} />
        <RiskBadge risk={{ score: 0.15, tier: 'medium', reasons: ['first_visit'] }} />
      </>,
    );
    expect(container.innerHTML).toBe('');
  });
});
