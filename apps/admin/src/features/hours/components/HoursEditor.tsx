import { useId } from 'react';
import type { TimeInterval, Weekday, WeeklyHours } from '@frontdesk/contracts';
import { WEEKDAYS } from '@frontdesk/contracts';
import { messagePath, pathWithin } from '../../../app/errors';
import { minutesToTime, timeToMinutes } from '../../../app/time';

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export const EMPTY_WEEK: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/** Where a new interval goes: an hour after the day's last one ends, else a plain 09:00–17:00. */
export function nextInterval(intervals: TimeInterval[]): TimeInterval {
  if (intervals.length === 0) return { start: '09:00', end: '17:00' };
  const lastEnd = Math.max(...intervals.map((i) => timeToMinutes(i.end)));
  const start = Math.min(lastEnd + 60, 23 * 60);
  return { start: minutesToTime(start), end: minutesToTime(Math.min(start + 4 * 60, 23 * 60 + 59)) };
}

const inputLabel = (day: Weekday, edge: 'from' | 'until', index: number) =>
  `${WEEKDAY_NAMES[day]} ${edge}${index > 0 ? ` (${index + 1})` : ''}`;

interface HoursEditorProps {
  value: WeeklyHours;
  onChange: (value: WeeklyHours) => void;
  /** The API's messages about this schedule ("weekly.tue[1]: overlaps 09:00–12:00"). */
  errors?: string[];
  /** The field the API names this schedule by: `weekly` (business hours) or `hours` (a staff member's). */
  path: string;
  disabled?: boolean;
}

/** The weekly schedule: any number of intervals a day; a day without any is closed. */
export function HoursEditor({ value, onChange, errors = [], path, disabled = false }: HoursEditorProps) {
  const uid = useId();
  const located = errors.map((message) => ({ message, path: messagePath(message) ?? '' }));
  const dayErrors = (day: Weekday) => located.filter((e) => pathWithin(e.path, `${path}.${day}`)).map((e) => e.message);
  const intervalInvalid = (day: Weekday, index: number) => located.some((e) => pathWithin(e.path, `${path}.${day}[${index}]`));
  const general = located.filter((e) => !WEEKDAYS.some((day) => pathWithin(e.path, `${path}.${day}`))).map((e) => e.message);

  const setDay = (day: Weekday, intervals: TimeInterval[]) => onChange({ ...value, [day]: intervals });
  const setEdge = (day: Weekday, index: number, edge: keyof TimeInterval, time: string) =>
    setDay(
      day,
      value[day].map((interval, i) => (i === index ? { ...interval, [edge]: time } : interval)),
    );

  return (
    <div className="hours-editor">
      {general.length > 0 && (
        <ul className="field-errors">
          {general.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {WEEKDAYS.map((day) => {
        const intervals = value[day] ?? [];
        const problems = dayErrors(day);
        const errorId = problems.length ? `${uid}-${day}-errors` : undefined;
        return (
          <fieldset key={day} className={`hours-day${problems.length ? ' field--invalid' : ''}`} aria-describedby={errorId}>
            <legend>{WEEKDAY_NAMES[day]}</legend>
            <div className="hours-intervals">
              {intervals.length === 0 && <span className="muted hours-closed">Closed</span>}
              {intervals.map((interval, index) => (
                <span key={index} className="hours-interval">
                  <label className="sr-only" htmlFor={`${uid}-${day}-${index}-start`}>
                    {inputLabel(day, 'from', index)}
                  </label>
                  <input
                    id={`${uid}-${day}-${index}-start`}
                    type="time"
                    step={300}
                    required
                    disabled={disabled}
                    value={interval.start}
                    aria-invalid={intervalInvalid(day, index) || undefined}
                    aria-describedby={errorId}
                    onChange={(event) => setEdge(day, index, 'start', event.target.value)}
                  />
                  <span aria-hidden="true">–</span>
                  <label className="sr-only" htmlFor={`${uid}-${day}-${index}-end`}>
                    {inputLabel(day, 'until', index)}
                  </label>
                  <input
                    id={`${uid}-${day}-${index}-end`}
                    type="time"
                    step={300}
                    required
                    disabled={disabled}
                    value={interval.end}
                    aria-invalid={intervalInvalid(day, index) || undefined}
                    aria-describedby={errorId}
                    onChange={(event) => setEdge(day, index, 'end', event.target.value)}
                  />
                  {!disabled && (
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      aria-label={`Remove ${WEEKDAY_NAMES[day]} ${interval.start}–${interval.end}`}
                      onClick={() =>
                        setDay(
                          day,
                          intervals.filter((_, i) => i !== index),
                        )
                      }
                    >
                      Remove
                    </button>
                  )}
                </span>
              ))}
            </div>
            {!disabled && (
              <div className="hours-actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Add hours on ${WEEKDAY_NAMES[day]}`}
                  onClick={() => setDay(day, [...intervals, nextInterval(intervals)])}
                >
                  Add hours
                </button>
                <button
                  type="button"
                  className="button button--small button--ghost"
                  aria-label={`Copy ${WEEKDAY_NAMES[day]} to every day`}
                  onClick={() =>
                    onChange(Object.fromEntries(WEEKDAYS.map((d) => [d, intervals.map((i) => ({ ...i }))])) as WeeklyHours)
                  }
                >
                  Copy to every day
                </button>
              </div>
            )}
            {errorId && (
              <ul className="field-errors" id={errorId}>
                {problems.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}
