import { type ReactNode, Suspense } from 'react';

/**
 * A chart as a picture with a name (its numbers are in the table next to it), drawn once the
 * chart library has loaded.
 */
export function ChartFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="insights-chart" role="img" aria-label={label}>
      <Suspense fallback={<p className="muted">Drawing the chart…</p>}>{children}</Suspense>
    </div>
  );
}
