import type { Weekday } from '@frontdesk/contracts';
import type { NoShowRow } from '../types';
import { formatRate } from '../format';

const WEEKDAYS: { key: Weekday; label: string }[] = [
  { key: 'mon', label: 'Mon' },
  { key: 'tue', label: 'Tue' },
  { key: 'wed', label: 'Wed' },
  { key: 'thu', label: 'Thu' },
  { key: 'fri', label: 'Fri' },
  { key: 'sat', label: 'Sat' },
  { key: 'sun', label: 'Sun' },
];

/**
 * No-show rate by weekday (rows) and local start hour (columns): a table whose cells are shaded
 * by their rate, so the picture and the numbers are one and the same. Hours with no bookings on
 * any day are left out.
 */
export function Heatmap({ rows, caption }: { rows: NoShowRow[]; caption: string }) {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const hours = [...new Set(rows.map((row) => row.key.slice(4)))].sort();
  const highest = Math.max(0, ...rows.map((row) => row.rate ?? 0));
  return (
    <div className="table-scroll">
      <table className="table heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {hours.map((hour) => (
              <th key={hour} scope="col">
                {hour}:00
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => (
            <tr key={day.key}>
              <th scope="row">{day.label}</th>
              {hours.map((hour) => {
                const cell = byKey.get(`${day.key}-${hour}`);
                // Shade relative to the worst cell: the pattern shows even when every rate is low.
                const strength = cell?.rate && highest > 0 ? cell.rate / highest : 0;
                return (
                  <td
                    key={hour}
                    style={{ backgroundColor: `rgb(180 35 24 / ${(strength * 0.75).toFixed(2)})` }}
                    className={strength > 0.5 ? 'heatmap-cell heatmap-cell--strong' : 'heatmap-cell'}
                    title={cell ? `${cell.noShows} of ${cell.bookings} bookings` : 'No bookings'}
                  >
                    {cell ? formatRate(cell.rate) : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
