import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { NoShowRow } from '@frontdesk/contracts';
import { formatRate } from '../format';

// recharts lives in this module only, which the Insights page imports lazily: none of it is in the
// app's first load. Each chart has a table of the same numbers beside it, so the charts are pictures.

const HEIGHT = 240;
const ACCENT = 'var(--accent)';
const percentTick = (value: number) => formatRate(value);
const rateTooltip = (value: unknown) => formatRate(typeof value === 'number' ? value : null);

/** No-show rate per week, with the business's own rate as a dashed line. */
export function RateOverTimeChart({ rows, baseline }: { rows: NoShowRow[]; baseline: number | null }) {
  return (
    <LineChart responsive style={{ width: '100%', height: HEIGHT }} data={rows} margin={{ top: 8, right: 16 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="key" />
      <YAxis tickFormatter={percentTick} width={56} />
      <Tooltip formatter={rateTooltip} />
      {baseline !== null && (
        <ReferenceLine y={baseline} stroke="var(--muted)" strokeDasharray="6 4" label={`Base line ${formatRate(baseline)}`} />
      )}
      <Line dataKey="rate" name="No-show rate" stroke={ACCENT} strokeWidth={2} connectNulls isAnimationActive={false} />
    </LineChart>
  );
}

/** No-show rate per group (service, staff member, risk tier). */
export function RateBarChart({ rows }: { rows: NoShowRow[] }) {
  return (
    <BarChart responsive style={{ width: '100%', height: HEIGHT }} data={rows} margin={{ top: 8, right: 16 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" />
      <YAxis tickFormatter={percentTick} width={56} />
      <Tooltip formatter={rateTooltip} />
      <Bar dataKey="rate" name="No-show rate" fill={ACCENT} isAnimationActive={false} />
    </BarChart>
  );
}

export interface CountBar {
  label: string;
  value: number;
}

/** A few totals side by side (reminders sent → confirmed, deposits collected → kept). */
export function CountBarChart({ bars, format }: { bars: CountBar[]; format: (value: number) => string }) {
  return (
    <BarChart responsive style={{ width: '100%', height: HEIGHT }} data={bars} margin={{ top: 8, right: 16 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" />
      <YAxis tickFormatter={format} width={96} />
      <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : '')} />
      <Bar dataKey="value" name="Total" fill={ACCENT} isAnimationActive={false} />
    </BarChart>
  );
}
