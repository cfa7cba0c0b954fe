import { type FormEvent, useEffect, useState } from 'react';
import { TextField } from '../../../ui/Field';
import type { AnalyticsRangeQuery } from '@frontdesk/contracts';
import { lastDays, PRESETS, rangeProblem } from '../range';

/** The dates the page reports on: two dates to apply, or a ready-made range ending today. */
export function RangePicker({
  range,
  today,
  onChange,
}: {
  range: AnalyticsRangeQuery;
  today: string;
  onChange: (range: AnalyticsRangeQuery) => void;
}) {
  const [draft, setDraft] = useState(range);
  const [problem, setProblem] = useState<string | null>(null);
  // Back and forward in the browser change the range from outside. Keyed by the dates, not the object
  // (a new one each render), so a render while the owner types does not throw their draft away.
  const { from, to } = range;
  useEffect(() => setDraft({ from, to }), [from, to]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = rangeProblem(draft);
    setProblem(found);
    if (!found) onChange(draft);
  };
  return (
    <form noValidate className="filters insights-range" aria-label="Date range" onSubmit={submit}>
      <TextField label="From" type="date" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
      <TextField
        label="To"
        type="date"
        value={draft.to}
        onChange={(to) => setDraft({ ...draft, to })}
        errors={problem ? [problem] : undefined}
      />
      <div className="filters-actions">
        <button type="submit" className="button button--primary">
          Apply
        </button>
      </div>
      <div className="button-group" role="group" aria-label="Ready-made ranges">
        {PRESETS.map((preset) => {
          const presetRange = lastDays(preset.days, today);
          const current = presetRange.from === range.from && presetRange.to === range.to;
          return (
            <button
              key={preset.days}
              type="button"
              className="button button--small"
              aria-pressed={current}
              onClick={() => {
                setProblem(null);
                onChange(presetRange);
              }}
            >
              {preset.label}
            </button>
          );
        })}
      </div>
    </form>
  );
}
