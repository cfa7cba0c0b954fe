import { useState } from 'react';
import type { Override, WeeklyHours } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { useTenant, useTenantScope } from '../../../app/tenant-scope';
import { addDays, formatLocalDate, todayIn } from '../../../app/time';
import { actionsColumn, type Column, DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useStaff } from '../../staff/api';
import { useBusinessHours, useDeleteOverride, useOverrides, useSaveBusinessHours } from '../api';
import { HoursEditor } from '../components/HoursEditor';
import { OverrideForm } from '../components/OverrideForm';

const OVERRIDE_DAYS = 120;

export function HoursPage() {
  const hours = useBusinessHours();
  return (
    <section>
      <PageHeader title="Hours" />
      <QueryState query={hours} loading="Loading opening hours…">
        {(weekly) => <WeeklyHoursForm initial={weekly} />}
      </QueryState>
      <OverridesList />
    </section>
  );
}

function WeeklyHoursForm({ initial }: { initial: WeeklyHours }) {
  const { canManage } = useTenantScope();
  const tenant = useTenant();
  const save = useSaveBusinessHours();
  const [weekly, setWeekly] = useState(initial);
  const [saved, setSaved] = useState(false);
  const errors = splitErrors(save.error, ['weekly']);
  return (
    <form
      noValidate
      className="card form"
      aria-label="Weekly opening hours"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate(weekly, {
          onSuccess: (result) => {
            setWeekly(result.weekly);
            setSaved(true);
          },
        });
      }}
    >
      <h2>Weekly opening hours</h2>
      <p className="muted">
        Times are in {tenant.timezone}. Staff without hours of their own work these. A day without hours is closed.
      </p>
      <FormErrors messages={errors.form} />
      <HoursEditor
        value={weekly}
        onChange={(next) => {
          setWeekly(next);
          setSaved(false);
        }}
        errors={errors.fields.weekly}
        path="weekly"
        disabled={!canManage}
      />
      {canManage && (
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            Save hours
          </button>
          {saved && (
            <span role="status" className="muted">
              Hours saved.
            </span>
          )}
        </div>
      )}
    </form>
  );
}

function OverridesList() {
  const tenant = useTenant();
  const { canManage } = useTenantScope();
  const today = todayIn(tenant.timezone);
  const overrides = useOverrides(today, addDays(today, OVERRIDE_DAYS));
  const staff = useStaff();
  const remove = useDeleteOverride();
  const [adding, setAdding] = useState(false);
  const staffName = (id: string | null) => (id ? (staff.data?.find((s) => s.id === id)?.name ?? '…') : 'Whole business');
  const columns: Column<Override>[] = [
    { header: 'Date', cell: (override) => formatLocalDate(override.date, tenant.locale, true) },
    { header: 'Time', cell: (override) => (override.start && override.end ? `${override.start}–${override.end}` : 'All day') },
    {
      header: 'Change',
      cell: (override) =>
        override.kind === 'closed' ? (
          <span className="badge badge--cancelled">Closed</span>
        ) : (
          <span className="badge badge--confirmed">Extra hours</span>
        ),
    },
    { header: 'Applies to', cell: (override) => staffName(override.staffId) },
    { header: 'Note', cell: (override) => override.note ?? '' },
  ];
  if (canManage) {
    columns.push(
      actionsColumn((override) => (
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={remove.isPending}
          aria-label={`Remove the change on ${formatLocalDate(override.date, tenant.locale)}`}
          onClick={() => remove.mutate(override.id)}
        >
          Remove
        </button>
      )),
    );
  }
  return (
    <div className="card">
      <div className="card-header">
        <h2>Schedule changes</h2>
        {canManage && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add a schedule change
          </button>
        )}
      </div>
      <p className="muted">Closures and extra working time in the next {OVERRIDE_DAYS} days.</p>
      {adding && (
        <OverrideForm
          initial={{ date: today, start: '', end: '', staffId: '', note: '' }}
          staff={(staff.data ?? []).filter((s) => s.active)}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}
      <FormErrors messages={remove.error ? [remove.error.message] : []} />
      <QueryState query={overrides}>
        {(changes) => (
          <DataTable label="Schedule changes" columns={columns} rows={changes} empty="No closures or extra hours coming up." />
        )}
      </QueryState>
    </div>
  );
}
