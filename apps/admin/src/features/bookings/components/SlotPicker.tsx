import { useState } from 'react';
import type { AvailableSlot, LocalDate } from '@frontdesk/contracts';
import { addDays, formatLocalDate, formatTime, toZoned, todayIn } from '../../../app/time';
import { ErrorState, Loading } from '../../../ui/states';
import { useAvailability } from '../api';

export interface SlotDay {
  date: LocalDate;
  slots: AvailableSlot[];
}

/** Slots (ordered by start) grouped by their local date in the tenant's zone. */
export function groupSlotsByDay(slots: AvailableSlot[], timeZone: string): SlotDay[] {
  const days: SlotDay[] = [];
  for (const slot of slots) {
    const date = toZoned(slot.start, timeZone).date;
    const last = days[days.length - 1];
    if (last?.date === date) last.slots.push(slot);
    else days.push({ date, slots: [slot] });
  }
  return days;
}

const DAYS_SHOWN = 7;

interface SlotPickerProps {
  serviceId: string;
  /** Only this staff member's slots; omitted: anyone who performs the service. */
  staffId?: string;
  timeZone: string;
  locale?: string;
  /** The chosen slot's start. */
  value: string | null;
  onChange: (slot: AvailableSlot) => void;
  initialDate?: LocalDate;
  staffName?: (staffId: string) => string | undefined;
  /** Today in the tenant's zone; tests pass it in. */
  today?: LocalDate;
}

/** Free times for a service, a week at a time, from the availability endpoint. */
export function SlotPicker({
  serviceId,
  staffId,
  timeZone,
  locale = 'en',
  value,
  onChange,
  initialDate,
  staffName,
  today,
}: SlotPickerProps) {
  const firstDay = today ?? todayIn(timeZone);
  const [from, setFrom] = useState<LocalDate>(initialDate && initialDate > firstDay ? initialDate : firstDay);
  const to = addDays(from, DAYS_SHOWN - 1);
  const availability = useAvailability(serviceId ? { serviceId, from, to, ...(staffId ? { staffId } : {}) } : null);
  const days = availability.data ? groupSlotsByDay(availability.data.slots, timeZone) : [];

  return (
    <div className="slot-picker" role="group" aria-label="Free times">
      <div className="slot-picker-nav">
        <button
          type="button"
          className="button button--small"
          disabled={from <= firstDay}
          onClick={() => setFrom(addDays(from, -DAYS_SHOWN) < firstDay ? firstDay : addDays(from, -DAYS_SHOWN))}
        >
          Earlier
        </button>
        <span aria-live="polite">
          {formatLocalDate(from, locale)} – {formatLocalDate(to, locale)}
        </span>
        <button type="button" className="button button--small" onClick={() => setFrom(addDays(from, DAYS_SHOWN))}>
          Later
        </button>
      </div>
      {!serviceId ? (
        <p className="empty">Choose a service to see free times.</p>
      ) : availability.isPending ? (
        <Loading label="Finding free times…" />
      ) : availability.isError ? (
        <ErrorState error={availability.error} onRetry={() => void availability.refetch()} />
      ) : days.length === 0 ? (
        <p className="empty">No free times in these days. Try later dates.</p>
      ) : (
        days.map((day) => (
          <fieldset key={day.date} className="slot-day">
            <legend>{formatLocalDate(day.date, locale)}</legend>
            <div className="slot-list">
              {day.slots.map((slot) => {
                const names = staffName ? slot.staffIds.map(staffName).filter(Boolean).join(', ') : '';
                const time = formatTime(slot.start, timeZone, locale);
                return (
                  <button
                    key={slot.start}
                    type="button"
                    className="slot"
                    aria-pressed={value === slot.start}
                    aria-label={`${formatLocalDate(day.date, locale)} ${time}${names ? ` with ${names}` : ''}`}
                    title={names || undefined}
                    onClick={() => onChange(slot)}
                  >
                    {time}
                  </button>
                );
              })}
            </div>
          </fieldset>
        ))
      )}
    </div>
  );
}
