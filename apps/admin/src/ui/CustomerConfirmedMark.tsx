/** "Confirmed by customer": the customer answered a reminder saying they will come. Nothing when they have not. */
export function CustomerConfirmedMark({ at, compact = false }: { at: string | null | undefined; compact?: boolean }) {
  if (!at) return null;
  if (compact) {
    return (
      <span className="confirmed-mark" role="img" aria-label="Confirmed by customer" title="Confirmed by customer">
        ✓
      </span>
    );
  }
  return <span className="confirmed-mark">✓ Confirmed by customer</span>;
}
