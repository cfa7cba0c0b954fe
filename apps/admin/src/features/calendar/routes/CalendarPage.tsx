import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Override } from '@frontdesk/contracts';
import { useTenant, useTenantPath, useTenantScope } from '../../../app/tenant-scope';
import { addDays, formatLocalDate, minutesToTime, startOfWeek, todayIn, zonedToUtc } from '../../../app/time';
import { CheckboxField, SelectField, TextField } from '../../../ui/Field';
import { allOf, QueryState } from '../../../ui/QueryState';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useBookings } from '../../bookings/api';
import { useExternalBusy } from '../../calendars/api';
import { useBusinessHours, useDeleteOverride, useOverrides } from '../../hours/api';
import { OverrideForm, type OverrideDraft } from '../../hours/components/OverrideForm';
import { useServices } from '../../services/api';
import { useStaff } from '../../staff/api';
import { CalendarGrid, type RangeSelection } from '../components/CalendarGrid';
import { layoutCalendar } from '../layout';

type View = 'day' | 'week';
/** Bookings that no longer hold time are hidden unless asked for. */
const INACTIVE = new Set(['cancelled', 'expired']);
const MAX_BOOKINGS = 1000;

export function CalendarPage() {
  const tenant = useTenant();
  const { canManage } = useTenantScope();
  const path = useTenantPath();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = todayIn(tenant.timezone);
  const view: View = params.get('view') === 'week' ? 'week' : 'day';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const staffFilter = params.get('staff') ?? '';
  const showInactive = params.get('cancelled') === '1';
  const from = view === 'week' ? startOfWeek(date) : date;
  const to = view === 'week' ? addDays(from, 6) : date;

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  const staff = useStaff();
  const services = useServices();
  const hours = useBusinessHours();
  const overrides = useOverrides(from, to);
  const bookings = useBookings({ from, to, limit: MAX_BOOKINGS });
  const externalBusy = useExternalBusy(
    zonedToUtc(from, '00:00', tenant.timezone).toISOString(),
    zonedToUtc(addDays(to, 1), '00:00', tenant.timezone).toISOString(),
  );
  const [draft, setDraft] = useState<(OverrideDraft & { selection: RangeSelection | null }) | null>(null);
  const [openOverride, setOpenOverride] = useState<Override | null>(null);

  const activeStaff = useMemo(() => (staff.data ?? []).filter((s) => s.active), [staff.data]);
  const shownStaff = staffFilter ? activeStaff.filter((s) => s.id === staffFilter) : activeStaff;
  const serviceNames = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s.name])), [services.data]);

  const layout = useMemo(() => {
    const dates = Array.from({ length: view === 'week' ? 7 : 1 }, (_, i) => addDays(from, i));
    return layoutCalendar({
      dates,
      staff: shownStaff,
      businessHours: hours.data ?? null,
      bookings: (bookings.data?.items ?? []).filter((b) => showInactive || !INACTIVE.has(b.status)),
      overrides: overrides.data ?? [],
      externalBusy: externalBusy.data ?? [],
      timeZone: tenant.timezone,
    });
  }, [view, from, shownStaff, hours.data, bookings.data, overrides.data, externalBusy.data, showInactive, tenant.timezone]);

  const step = view === 'week' ? 7 : 1;
  const title =
    view === 'week' ? `Week of ${formatLocalDate(from, tenant.locale, true)}` : formatLocalDate(date, tenant.locale, true);

  const startDraft = (selection: RangeSelection | null) => {
    setOpenOverride(null);
    setDraft({
      date: selection?.date ?? date,
      start: selection ? minutesToTime(selection.startMinute) : '',
      end: selection ? (selection.endMinute >= 24 * 60 ? '23:59' : minutesToTime(selection.endMinute)) : '',
      staffId: selection?.staffId ?? '',
      note: '',
      selection,
    });
  };

  return (
    <section className="calendar-page">
      <PageHeader title="Calendar">
        <button type="button" className="button" onClick={() => void navigate(path(`/bookings/new?date=${date}`))}>
          New booking
        </button>
        {canManage && (
          <button type="button" className="button" onClick={() => startDraft(null)}>
            Block time or add hours
          </button>
        )}
      </PageHeader>
      <div className="toolbar" role="toolbar" aria-label="Calendar view">
        <div className="button-group">
          <button type="button" className="button" onClick={() => update({ date: addDays(date, -step) })}>
            Previous {view}
          </button>
          <button type="button" className="button" onClick={() => update({ date: null })} disabled={date === today}>
            Today
          </button>
          <button type="button" className="button" onClick={() => update({ date: addDays(date, step) })}>
            Next {view}
          </button>
        </div>
        <div className="button-group" role="group" aria-label="View">
          <button type="button" className="button" aria-pressed={view === 'day'} onClick={() => update({ view: null })}>
            Day
          </button>
          <button type="button" className="button" aria-pressed={view === 'week'} onClick={() => update({ view: 'week' })}>
            Week
          </button>
        </div>
        <TextField
          label="Date"
          type="date"
          value={date}
          onChange={(value) => update({ date: value || null })}
          className="field--inline"
        />
        <SelectField
          label="Staff"
          value={staffFilter}
          onChange={(value) => update({ staff: value })}
          options={[{ value: '', label: 'Everyone' }, ...activeStaff.map((s) => ({ value: s.id, label: s.name }))]}
          className="field--inline"
        />
        <CheckboxField
          label="Show cancelled"
          checked={showInactive}
          onChange={(checked) => update({ cancelled: checked ? '1' : null })}
        />
      </div>
      <h2 className="calendar-title">
        {title} <span className="muted">({tenant.timezone})</span>
      </h2>
      {canManage && (
        <p className="field-hint">
          Drag over a staff member’s column to block that time or add working time. Click a booking to open it.
        </p>
      )}
      {draft && (
        <OverrideForm
          key={`${draft.date}-${draft.start}-${draft.end}-${draft.staffId}`}
          title={
            draft.selection
              ? `${formatLocalDate(draft.date, tenant.locale)}, ${draft.start}–${draft.end}`
              : 'Block time or add working hours'
          }
          initial={draft}
          staff={activeStaff}
          onDone={() => setDraft(null)}
          onCancel={() => setDraft(null)}
        />
      )}
      {openOverride && (
        <OverridePanel
          override={openOverride}
          staffName={activeStaff.find((s) => s.id === openOverride.staffId)?.name}
          onClose={() => setOpenOverride(null)}
        />
      )}
      {bookings.data && bookings.data.total > MAX_BOOKINGS && (
        <p className="notice">
          Showing the first {MAX_BOOKINGS} of {bookings.data.total} bookings in this range; narrow it to one staff member or one
          day.
        </p>
      )}
      <QueryState
        query={allOf(staff, hours, overrides, bookings)}
        loading="Loading the calendar…"
        empty="No active staff members yet. Add one on the Staff page."
        isEmpty={() => shownStaff.length === 0}
      >
        {() => (
          <div className="calendar-scroll">
            <CalendarGrid
              layout={layout}
              pxPerMinute={view === 'week' ? 1 : 1.4}
              timeZone={tenant.timezone}
              locale={tenant.locale}
              groupByDate={view === 'week'}
              serviceName={(id) => serviceNames.get(id) ?? 'Service'}
              onOpenBooking={(id) => void navigate(path(`/bookings/${id}`))}
              onSelectRange={canManage ? startDraft : undefined}
              onOpenOverride={
                canManage
                  ? (override) => {
                      setDraft(null);
                      setOpenOverride(override);
                    }
                  : undefined
              }
              selection={draft?.selection ?? null}
            />
          </div>
        )}
      </QueryState>
      {layout.unplaced.length > 0 && (
        <p className="field-hint">
          {layout.unplaced.length} booking(s) in this range belong to staff not shown here; see the Bookings page.
        </p>
      )}
    </section>
  );
}

function OverridePanel({ override, staffName, onClose }: { override: Override; staffName?: string; onClose: () => void }) {
  const remove = useDeleteOverride();
  const what = override.kind === 'closed' ? 'Blocked' : 'Extra working time';
  const when = override.start && override.end ? `${override.start}–${override.end}` : 'all day';
  return (
    <div className="card" role="region" aria-label="Schedule change">
      <h2>
        {what}, {formatLocalDate(override.date)} {when}
      </h2>
      <p>
        {staffName ?? 'The whole business'}
        {override.note ? ` — ${override.note}` : ''}
      </p>
      <FormErrors messages={remove.error ? [remove.error.message] : []} />
      <div className="form-actions">
        <button
          type="button"
          className="button button--danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(override.id, { onSuccess: onClose })}
        >
          Remove this change
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
