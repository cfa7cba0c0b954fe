/** A share as a percentage ("12.5%"); a rate the API could not compute (nothing to divide by) as a dash. */
export function formatRate(rate: number | null, locale = 'en'): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function formatCount(count: number, locale = 'en'): string {
  return new Intl.NumberFormat(locale).format(count);
}

/** "90% delivered"; nothing when the API had nothing to divide by. */
export function shareOf(rate: number | null, what: string): string | null {
  return rate === null ? null : `${formatRate(rate)} ${what}`;
}
