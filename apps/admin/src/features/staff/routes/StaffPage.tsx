import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Service, Staff, WeeklyHours } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { useTenantScope } from '../../../app/tenant-scope';
import { CatalogFormActions } from '../../../ui/CatalogFormActions';
import { CheckboxField, TextField } from '../../../ui/Field';
import { actionsColumn, type Column, DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useBusinessHours } from '../../hours/api';
import { EMPTY_WEEK, HoursEditor, WEEKDAY_NAMES } from '../../hours/components/HoursEditor';
import { StaffCalendarPanel } from '../../calendars/components/StaffCalendarPanel';
import { useServices } from '../../services/api';
import { useCreateStaff, useDeleteStaff, useStaff, useUpdateStaff } from '../api';

const FIELDS = ['name', 'serviceIds', 'hours', 'active'] as const;

export function StaffPage() {
  const staff = useStaff();
  const services = useServices();
  const { canManage } = useTenantScope();
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const [params, setParams] = useSearchParams();
  // Google's consent sends the browser back here with the outcome and the staff member.
  const [calendarsOf, setCalendarsOf] = useState<string | null>(params.get('staffId'));
  const googleOutcome = params.get('google');
  const serviceNames = new Map((services.data ?? []).map((s) => [s.id, s.name]));
  const columns: Column<Staff>[] = [
    { header: 'Name', cell: (member) => member.name },
    {
      header: 'Services',
      cell: (member) =>
        member.serviceIds === null
          ? 'All services'
          : member.serviceIds.map((id) => serviceNames.get(id) ?? '…').join(', ') || 'None',
    },
    { header: 'Hours', cell: (member) => (member.hours === null ? 'Business hours' : describeHours(member.hours)) },
    { header: 'Status', cell: (member) => (member.active ? 'Active' : <span className="badge badge--expired">Inactive</span>) },
  ];
  if (canManage) {
    columns.push(
      actionsColumn((member) => (
        <>
          <button
            type="button"
            className="button button--small"
            aria-label={`Edit ${member.name}`}
            onClick={() => setEditing(member)}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button--small"
            aria-label={`Calendars of ${member.name}`}
            onClick={() => setCalendarsOf(member.id)}
          >
            Calendars
          </button>
        </>
      )),
    );
  }
  return (
    <section>
      <PageHeader title="Staff">
        {canManage && editing === null && (
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            New staff member
          </button>
        )}
      </PageHeader>
      {editing && (
        <StaffForm
          key={editing === 'new' ? 'new' : editing.id}
          member={editing === 'new' ? null : editing}
          services={services.data ?? []}
          onDone={() => setEditing(null)}
        />
      )}
      {googleOutcome && (
        <p className="notice" role="status">
          {GOOGLE_OUTCOMES[googleOutcome] ?? GOOGLE_OUTCOMES.error}{' '}
          <button type="button" className="button button--small button--ghost" onClick={() => setParams({}, { replace: true })}>
            Dismiss
          </button>
        </p>
      )}
      {canManage && calendarsOf && staff.data?.some((m) => m.id === calendarsOf) && (
        <StaffCalendarPanel
          key={calendarsOf}
          member={staff.data.find((m) => m.id === calendarsOf)!}
          onClose={() => setCalendarsOf(null)}
        />
      )}
      <QueryState query={staff} loading="Loading staff…">
        {(members) => (
          <DataTable label="Staff" columns={columns} rows={members} empty="No staff members yet." rowClassName={inactiveRow} />
        )}
      </QueryState>
    </section>
  );
}

const GOOGLE_OUTCOMES: Record<string, string> = {
  connected: 'Google Calendar connected.',
  denied: 'Google Calendar was not connected: access was refused on Google’s page.',
  error: 'Google Calendar could not be connected; try again.',
};

const inactiveRow = (member: Staff) => (member.active ? undefined : 'row--inactive');

function describeHours(hours: WeeklyHours): string {
  const days = (Object.keys(WEEKDAY_NAMES) as (keyof WeeklyHours)[]).filter((day) => hours[day].length > 0);
  return days.length ? `Own hours: ${days.map((day) => WEEKDAY_NAMES[day].slice(0, 3)).join(', ')}` : 'Own hours: none';
}

function StaffForm({ member, services, onDone }: { member: Staff | null; services: Service[]; onDone: () => void }) {
  const businessHours = useBusinessHours();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const remove = useDeleteStaff();
  const [name, setName] = useState(member?.name ?? '');
  const [allServices, setAllServices] = useState(member ? member.serviceIds === null : true);
  const [serviceIds, setServiceIds] = useState<string[]>(member?.serviceIds ?? []);
  const [ownHours, setOwnHours] = useState(member ? member.hours !== null : false);
  const [hours, setHours] = useState<WeeklyHours | null>(member?.hours ?? null);
  const [active, setActive] = useState(member?.active ?? true);
  const [removedNote, setRemovedNote] = useState<string | null>(null);
  const mutation = member ? update : create;
  const errors = splitErrors(mutation.error ?? remove.error, FIELDS);
  const editedHours = hours ?? businessHours.data ?? EMPTY_WEEK;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: name.trim(),
      serviceIds: allServices ? null : serviceIds,
      hours: ownHours ? editedHours : null,
      active,
    };
    if (member) update.mutate({ id: member.id, ...input }, { onSuccess: onDone });
    else create.mutate(input, { onSuccess: onDone });
  };

  return (
    <form noValidate className="card form" onSubmit={submit} aria-label={member ? `Edit ${member.name}` : 'New staff member'}>
      <h2>{member ? `Edit ${member.name}` : 'New staff member'}</h2>
      <FormErrors messages={errors.form} />
      {removedNote && <p className="notice">{removedNote}</p>}
      <TextField label="Name" required value={name} onChange={setName} errors={errors.fields.name} />
      <fieldset className="fieldset">
        <legend>Services</legend>
        <CheckboxField label="Performs every service" checked={allServices} onChange={setAllServices} />
        {!allServices && (
          <div className="checkbox-grid">
            {services.map((service) => (
              <CheckboxField
                key={service.id}
                label={service.name}
                checked={serviceIds.includes(service.id)}
                onChange={(checked) =>
                  setServiceIds((ids) => (checked ? [...ids, service.id] : ids.filter((id) => id !== service.id)))
                }
              />
            ))}
          </div>
        )}
        {errors.fields.serviceIds && (
          <ul className="field-errors">
            {errors.fields.serviceIds.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Working hours</legend>
        <CheckboxField label="Has own working hours (otherwise the business hours)" checked={ownHours} onChange={setOwnHours} />
        {ownHours && <HoursEditor value={editedHours} onChange={setHours} errors={errors.fields.hours} path="hours" />}
      </fieldset>
      <CheckboxField label="Active (can be booked)" checked={active} onChange={setActive} errors={errors.fields.active} />
      <CatalogFormActions
        submitLabel={member ? 'Save staff member' : 'Create staff member'}
        saving={mutation.isPending}
        onCancel={onDone}
        remove={
          member && {
            pending: remove.isPending,
            onDelete: () =>
              remove.mutate(member.id, {
                onSuccess: (deactivated) => {
                  if (!deactivated) return onDone();
                  setActive(false);
                  setRemovedNote('Bookings still refer to this person, so they were made inactive instead of deleted.');
                },
              }),
          }
        }
      />
    </form>
  );
}
