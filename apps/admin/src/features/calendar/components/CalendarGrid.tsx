import { type CSSProperties, type PointerEvent, useRef, useState } from 'react';
import type { Override, PaymentStatus } from '@frontdesk/contracts';
import { formatLocalDate, formatLocalTime, formatTime, minutesToTime } from '../../../app/time';
import { CustomerConfirmedMark } from '../../../ui/CustomerConfirmedMark';
import { PAYMENT_LABELS } from '../../../ui/PaymentBadge';
import { RiskBadge, riskReasonsText } from '../../../ui/RiskBadge';
import { STATUS_LABELS } from '../../../ui/StatusBadge';
import { type CalendarColumn, type CalendarLayout, snapMinute } from '../layout';

export interface RangeSelection {
  date: string;
  staffId: string;
  startMinute: number;
  endMinute: number;
}

interface CalendarGridProps {
  layout: CalendarLayout;
  pxPerMinute: number;
  timeZone: string;
  locale: string;
  /** Week view: columns grouped under their date. */
  groupByDate: boolean;
  serviceName: (serviceId: string) => string;
  onOpenBooking: (bookingId: string) => void;
  /** Drag over free time to select a range; omitted for people who may not change the schedule. */
  onSelectRange?: (selection: RangeSelection) => void;
  onOpenOverride?: (override: Override) => void;
  selection?: RangeSelection | null;
}

const DEFAULT_SELECTION_MINUTES = 30;

export function CalendarGrid(props: CalendarGridProps) {
  const { layout, pxPerMinute, groupByDate, locale } = props;
  const height = (layout.endMinute - layout.startMinute) * pxPerMinute;
  const hours: number[] = [];
  for (let minute = layout.startMinute; minute < layout.endMinute; minute += 60) hours.push(minute);
  const dates = [...new Set(layout.columns.map((c) => c.date))];
  const perDate = dates.length ? layout.columns.length / dates.length : 1;
  const gridStyle: CSSProperties = { gridTemplateColumns: `4.5rem repeat(${layout.columns.length}, minmax(6.5rem, 1fr))` };

  return (
    <div className="calendar" style={gridStyle}>
      {groupByDate && (
        <>
          <div className="calendar-corner" />
          {dates.map((date) => (
            <div key={date} className="calendar-date" style={{ gridColumn: `span ${perDate}` }}>
              {formatLocalDate(date, locale)}
            </div>
          ))}
        </>
      )}
      <div className="calendar-corner" />
      {layout.columns.map((column) => (
        <div key={column.key} className="calendar-staff">
          {column.staffName}
        </div>
      ))}
      <div className="calendar-gutter" style={{ height }} aria-hidden="true">
        {hours.map((minute) => (
          <span key={minute} style={{ top: (minute - layout.startMinute) * pxPerMinute }}>
            {formatLocalTime(minutesToTime(minute), locale)}
          </span>
        ))}
      </div>
      {layout.columns.map((column) => (
        <Column key={column.key} {...props} column={column} height={height} hours={hours} />
      ))}
    </div>
  );
}

function Column({
  column,
  layout,
  pxPerMinute,
  timeZone,
  locale,
  height,
  hours,
  serviceName,
  onOpenBooking,
  onSelectRange,
  onOpenOverride,
  selection,
}: CalendarGridProps & { column: CalendarColumn; height: number; hours: number[] }) {
  const [drag, setDrag] = useState<{ anchor: number; current: number } | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const top = (minute: number) => (minute - layout.startMinute) * pxPerMinute;
  const minuteAt = (event: PointerEvent) =>
    snapMinute(event.clientY - bodyRef.current!.getBoundingClientRect().top, pxPerMinute, layout.startMinute);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!onSelectRange || event.button !== 0) return;
    if ((event.target as HTMLElement).closest('button')) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const minute = minuteAt(event);
    setDrag({ anchor: minute, current: minute });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ ...drag, current: minuteAt(event) });
  };
  const onPointerUp = () => {
    if (!drag || !onSelectRange) return;
    let startMinute = Math.min(drag.anchor, drag.current);
    let endMinute = Math.max(drag.anchor, drag.current);
    if (endMinute === startMinute) endMinute = Math.min(24 * 60, startMinute + DEFAULT_SELECTION_MINUTES);
    if (endMinute === startMinute) startMinute = endMinute - DEFAULT_SELECTION_MINUTES;
    setDrag(null);
    onSelectRange({ date: column.date, staffId: column.staffId, startMinute, endMinute });
  };

  const shown =
    drag !== null
      ? { startMinute: Math.min(drag.anchor, drag.current), endMinute: Math.max(drag.anchor, drag.current) }
      : selection && selection.date === column.date && selection.staffId === column.staffId
        ? selection
        : null;

  return (
    <div
      ref={bodyRef}
      className={`calendar-column${onSelectRange ? ' calendar-column--selectable' : ''}`}
      style={{ height }}
      aria-label={`${column.staffName}, ${formatLocalDate(column.date, locale)}`}
      role="group"
      data-column={column.key}
      data-start-minute={layout.startMinute}
      data-px-per-minute={pxPerMinute}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
    >
      {hours.map((minute) => (
        <div key={minute} className="calendar-hour-line" style={{ top: top(minute) }} />
      ))}
      {column.hours.map((band) => (
        <div
          key={band.startMinute}
          className="calendar-open"
          style={{ top: top(band.startMinute), height: (band.endMinute - band.startMinute) * pxPerMinute }}
        />
      ))}
      {column.overrides.map(({ override, startMinute, endMinute, wholeDay }) => {
        const label = `${override.kind === 'closed' ? 'Blocked' : 'Extra working time'}${wholeDay ? ' all day' : ` ${override.start}–${override.end}`}${override.staffId ? '' : ' (whole business)'}${override.note ? `: ${override.note}` : ''}`;
        const style = {
          top: top(Math.max(startMinute, layout.startMinute)),
          height: (Math.min(endMinute, layout.endMinute) - Math.max(startMinute, layout.startMinute)) * pxPerMinute,
        };
        const className = `calendar-override calendar-override--${override.kind}`;
        return onOpenOverride ? (
          <button
            key={override.id}
            type="button"
            className={className}
            style={style}
            title={label}
            aria-label={label}
            onClick={() => onOpenOverride(override)}
          >
            <span>{label}</span>
          </button>
        ) : (
          <div key={override.id} className={className} style={style} title={label}>
            <span>{label}</span>
          </div>
        );
      })}
      {column.externalBusy.map(({ startMinute, endMinute }) => {
        const label = `Busy in own calendar ${minutesToTime(startMinute)}–${minutesToTime(endMinute)}`;
        return (
          <div
            key={`external-${startMinute}`}
            className="calendar-external"
            role="note"
            aria-label={label}
            title={label}
            style={{
              top: top(Math.max(startMinute, layout.startMinute)),
              height: (Math.min(endMinute, layout.endMinute) - Math.max(startMinute, layout.startMinute)) * pxPerMinute,
            }}
          >
            <span>Busy (own calendar)</span>
          </div>
        );
      })}
      {shown && (
        <div
          className="calendar-selection"
          style={{ top: top(shown.startMinute), height: Math.max(2, (shown.endMinute - shown.startMinute) * pxPerMinute) }}
        >
          {minutesToTime(shown.startMinute)}–{minutesToTime(shown.endMinute)}
        </div>
      )}
      {column.bookings.map(({ booking, startMinute, endMinute, lane, lanes }) => {
        const time = `${formatTime(booking.start, timeZone, locale)}–${formatTime(booking.end, timeZone, locale)}`;
        const who = booking.customer.name ?? booking.customer.phone;
        return (
          <button
            key={`${booking.id}-${column.date}`}
            type="button"
            className={`calendar-booking badge--${booking.status}`}
            style={{
              top: top(startMinute),
              height: Math.max(18, (endMinute - startMinute) * pxPerMinute - 2),
              left: `calc(${(lane / lanes) * 100}% + 2px)`,
              width: `calc(${100 / lanes}% - 4px)`,
            }}
            aria-label={`${time} ${serviceName(booking.serviceId)} for ${who}, ${STATUS_LABELS[booking.status]}${paymentNote(booking.paymentStatus)}${booking.customerConfirmedAt ? ', confirmed by customer' : ''}${booking.noShowRisk?.tier === 'high' ? `, high no-show risk (${riskReasonsText(booking.noShowRisk)})` : ''}`}
            onClick={() => onOpenBooking(booking.id)}
          >
            <strong>{time}</strong> {who} <CustomerConfirmedMark at={booking.customerConfirmedAt} compact />{' '}
            <RiskBadge risk={booking.noShowRisk} />
            <span className="calendar-booking-service">{serviceName(booking.serviceId)}</span>
          </button>
        );
      })}
    </div>
  );
}

/** The deposit's state after the booking's, for a booking that has one. */
const paymentNote = (status: PaymentStatus) => (status === 'none' ? '' : `, ${PAYMENT_LABELS[status]}`);
