import { useState } from 'react';
import type { AvailableSlot, LocalDate } from '@frontdesk/contracts';
import { addDays, formatLocalDate, formatTime, toZoned, todayIn } from '../../../app/time';
import { QueryState } from '../../../ui/QueryState';
import { Empty } from '../../../ui/states';
import { type SlotSource, useSlots } from './slot-source';

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

/**
 * Every date of the range with its slots, empty days included (the day layout shows them all).
 * Slots outside the range are left out.
 */
export function daysOfRange(from: LocalDate, count: number, grouped: SlotDay[]): SlotDay[] {
  const byDate = new Map(grouped.map((day) => [day.date, day.slots]));
  return Array.from({ length: count }, (_, n) => {
    const date = addDays(from, n);
    return { date, slots: byDate.get(date) ?? [] };
  });
}

/**
 * The day the day layout shows: the one the user picked when it has times, else the day of
 * the chosen slot, else the first day with times.
 */
export function shownDay(days: SlotDay[], picked: LocalDate | null, chosenDate: LocalDate | null): LocalDate | null {
  const withTimes = (date: LocalDate | null) => date !== null && days.some((d) => d.date === date && d.slots.length > 0);
  if (withTimes(picked)) return picked;
  if (withTimes(chosenDate)) return chosenDate;
  return days.find((d) => d.slots.length > 0)?.date ?? null;
}

const DAYS_SHOWN = 7;

interface SlotPickerProps {
  /** Where the free times come from (tenant-scoped or public endpoint). */
  source: SlotSource;
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
  /** The booking being rescheduled: its own time stays on offer. */
  excludeBookingId?: string;
  /**
   * `week`: every day's times at once (staff at a desk). `day`: a row of days, then one
   * day's times (customers on a phone).
   */
  layout?: 'week' | 'day';
}

/** Free times for a service, a week at a time, from the availability endpoint. */
export function SlotPicker({
  source,
  serviceId,
  staffId,
  timeZone,
  locale = 'en',
  value,
  onChange,
  initialDate,
  staffName,
  today,
  excludeBookingId,
  layout = 'week',
}: SlotPickerProps) {
  const firstDay = today ?? todayIn(timeZone);
  const [from, setFrom] = useState<LocalDate>(initialDate && initialDate > firstDay ? initialDate : firstDay);
  const to = addDays(from, DAYS_SHOWN - 1);
  const [pickedDay, setPickedDay] = useState<LocalDate | null>(null);
  // A slot chosen from outside (an alternative the API offered) brings its day into view.
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    if (value) {
      const date = toZoned(value, timeZone).date;
      setPickedDay(date);
      if (date < from || date > to) setFrom(date < firstDay ? firstDay : date);
    }
  }
  const availability = useSlots(
    source,
    serviceId
      ? { serviceId, from, to, ...(staffId ? { staffId } : {}), ...(excludeBookingId ? { excludeBookingId } : {}) }
      : null,
  );
  const days = availability.data ? groupSlotsByDay(availability.data.slots, timeZone) : [];
  const allDays = layout === 'day' ? daysOfRange(from, DAYS_SHOWN, days) : [];
  const dayShown = layout === 'day' ? shownDay(allDays, pickedDay, value ? toZoned(value, timeZone).date : null) : null;
  const shown = layout === 'day' ? days.filter((day) => day.date === dayShown) : days;

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
        <Empty>Choose a service to see free times.</Empty>
      ) : (
        <QueryState
          query={availability}
          loading="Finding free times…"
          empty="No free times in these days. Try later dates."
          isEmpty={() => days.length === 0}
        >
          {() => (
            <>
              {layout === 'day' && (
                <div className="slot-days" role="group" aria-label="Days">
                  {allDays.map((day) => (
                    <button
                      key={day.date}
                      type="button"
                      className="slot-day-button"
                      aria-pressed={day.date === dayShown}
                      disabled={day.slots.length === 0}
                      aria-label={`${formatLocalDate(day.date, locale)}: ${freeTimes(day.slots.length)}`}
                      onClick={() => setPickedDay(day.date)}
                    >
                      <span>{formatLocalDate(day.date, locale)}</span>
                      <small>{day.slots.length === 0 ? 'full' : freeTimes(day.slots.length)}</small>
                    </button>
                  ))}
                </div>
              )}
              {shown.map((day) => (
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
              ))}
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}

const freeTimes = (count: number) => (count === 0 ? 'no free times' : `${count} free time${count === 1 ? '' : 's'}`);
