import { useState } from 'react';
import type { WeeklyHours } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { useTenant, useTenantScope } from '../../../app/tenant-scope';
import { addDays, formatLocalDate, todayIn } from '../../../app/time';
import { Empty, ErrorState, FormErrors, Loading, PageHeader } from '../../../ui/states';
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
      {hours.isPending ? (
        <Loading label="Loading opening hours…" />
      ) : hours.isError ? (
        <ErrorState error={hours.error} onRetry={() => void hours.refetch()} />
      ) : (
        <WeeklyHoursForm initial={hours.data} />
      )}
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
      {overrides.isPending ? (
        <Loading />
      ) : overrides.isError ? (
        <ErrorState error={overrides.error} />
      ) : overrides.data.length === 0 ? (
        <Empty>No closures or extra hours coming up.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Time</th>
                <th scope="col">Change</th>
                <th scope="col">Applies to</th>
                <th scope="col">Note</th>
                {canManage && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {overrides.data.map((override) => (
                <tr key={override.id}>
                  <td>{formatLocalDate(override.date, tenant.locale, true)}</td>
                  <td>{override.start && override.end ? `${override.start}–${override.end}` : 'All day'}</td>
                  <td>
                    {override.kind === 'closed' ? (
                      <span className="badge badge--cancelled">Closed</span>
                    ) : (
                      <span className="badge badge--confirmed">Extra hours</span>
                    )}
                  </td>
                  <td>{staffName(override.staffId)}</td>
                  <td>{override.note ?? ''}</td>
                  {canManage && (
                    <td>
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        disabled={remove.isPending}
                        aria-label={`Remove the change on ${formatLocalDate(override.date, tenant.locale)}`}
                        onClick={() => remove.mutate(override.id)}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
