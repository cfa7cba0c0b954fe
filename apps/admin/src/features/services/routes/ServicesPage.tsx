import { type FormEvent, useState } from 'react';
import type { Service } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { typedNumber } from '../../../app/forms';
import { useTenant, useTenantScope } from '../../../app/tenant-scope';
import { formatMoney, minorUnitDigits } from '../../../app/time';
import { CatalogFormActions } from '../../../ui/CatalogFormActions';
import { CheckboxField, TextField } from '../../../ui/Field';
import { Empty, ErrorState, FormErrors, Loading, PageHeader } from '../../../ui/states';
import { type ServiceInput, useCreateService, useDeleteService, useServices, useUpdateService } from '../api';

const FIELDS = [
  'name',
  'durationMinutes',
  'priceCents',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'aliases',
  'active',
] as const;

export function ServicesPage() {
  const services = useServices();
  const { canManage } = useTenantScope();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  return (
    <section>
      <PageHeader title="Services">
        {canManage && editing === null && (
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            New service
          </button>
        )}
      </PageHeader>
      {editing && (
        <ServiceForm
          key={editing === 'new' ? 'new' : editing.id}
          service={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {services.isPending ? (
        <Loading label="Loading services…" />
      ) : services.isError ? (
        <ErrorState error={services.error} onRetry={() => void services.refetch()} />
      ) : services.data.length === 0 ? (
        <Empty>No services yet. Add what customers can book.</Empty>
      ) : (
        <ServicesTable services={services.data} onEdit={canManage ? setEditing : undefined} />
      )}
    </section>
  );
}

function ServicesTable({ services, onEdit }: { services: Service[]; onEdit?: (service: Service) => void }) {
  const tenant = useTenant();
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Duration</th>
            <th scope="col">Price</th>
            <th scope="col">Buffers</th>
            <th scope="col">Also called</th>
            <th scope="col">Status</th>
            {onEdit && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {services.map((service) => (
            <tr key={service.id} className={service.active ? undefined : 'row--inactive'}>
              <td>{service.name}</td>
              <td>{service.durationMinutes} min</td>
              <td>{formatMoney(service.priceCents, tenant.currency, tenant.locale)}</td>
              <td>
                {service.bufferBeforeMinutes || service.bufferAfterMinutes
                  ? `${service.bufferBeforeMinutes} / ${service.bufferAfterMinutes} min`
                  : '—'}
              </td>
              <td>{service.aliases.join(', ') || '—'}</td>
              <td>{service.active ? 'Bookable' : <span className="badge badge--expired">Inactive</span>}</td>
              {onEdit && (
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Edit ${service.name}`}
                    onClick={() => onEdit(service)}
                  >
                    Edit
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ServiceForm({ service, onDone }: { service: Service | null; onDone: () => void }) {
  const tenant = useTenant();
  const digits = minorUnitDigits(tenant.currency);
  const create = useCreateService();
  const update = useUpdateService();
  const remove = useDeleteService();
  const [name, setName] = useState(service?.name ?? '');
  const [duration, setDuration] = useState(String(service?.durationMinutes ?? 30));
  const [price, setPrice] = useState(service ? (service.priceCents / 10 ** digits).toFixed(digits) : '');
  const [before, setBefore] = useState(String(service?.bufferBeforeMinutes ?? 0));
  const [after, setAfter] = useState(String(service?.bufferAfterMinutes ?? 0));
  const [aliases, setAliases] = useState(service?.aliases.join(', ') ?? '');
  const [active, setActive] = useState(service?.active ?? true);
  const [removedNote, setRemovedNote] = useState<string | null>(null);
  const mutation = service ? update : create;
  const errors = splitErrors(mutation.error ?? remove.error, FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const priceNumber = Number(price.replace(',', '.'));
    const input: ServiceInput = {
      name: name.trim(),
      durationMinutes: typedNumber(duration),
      priceCents:
        price.trim() !== '' && Number.isFinite(priceNumber) ? Math.round(priceNumber * 10 ** digits) : typedNumber(price),
      bufferBeforeMinutes: typedNumber(before),
      bufferAfterMinutes: typedNumber(after),
      aliases: aliases
        .split(',')
        .map((alias) => alias.trim())
        .filter(Boolean),
      active,
    };
    if (service) update.mutate({ id: service.id, ...input }, { onSuccess: onDone });
    else create.mutate(input, { onSuccess: onDone });
  };

  return (
    <form noValidate className="card form" onSubmit={submit} aria-label={service ? `Edit ${service.name}` : 'New service'}>
      <h2>{service ? `Edit ${service.name}` : 'New service'}</h2>
      <FormErrors messages={errors.form} />
      {removedNote && <p className="notice">{removedNote}</p>}
      <div className="form-row">
        <TextField label="Name" required value={name} onChange={setName} errors={errors.fields.name} />
        <TextField
          label="Duration (minutes)"
          type="number"
          min={1}
          inputMode="numeric"
          value={duration}
          onChange={setDuration}
          errors={errors.fields.durationMinutes}
        />
        <TextField
          label={`Price (${tenant.currency.toUpperCase()})`}
          inputMode="decimal"
          value={price}
          onChange={setPrice}
          errors={errors.fields.priceCents}
          placeholder="30.00"
        />
      </div>
      <div className="form-row">
        <TextField
          label="Buffer before (minutes)"
          type="number"
          min={0}
          value={before}
          onChange={setBefore}
          errors={errors.fields.bufferBeforeMinutes}
        />
        <TextField
          label="Buffer after (minutes)"
          type="number"
          min={0}
          value={after}
          onChange={setAfter}
          errors={errors.fields.bufferAfterMinutes}
          hint="Clean-up time nobody can book."
        />
        <TextField
          label="Also called"
          value={aliases}
          onChange={setAliases}
          errors={errors.fields.aliases}
          hint="Words customers use, separated by commas: cut, trim"
        />
      </div>
      <CheckboxField label="Bookable" checked={active} onChange={setActive} errors={errors.fields.active} />
      <CatalogFormActions
        submitLabel={service ? 'Save service' : 'Create service'}
        saving={mutation.isPending}
        onCancel={onDone}
        remove={
          service && {
            pending: remove.isPending,
            onDelete: () =>
              remove.mutate(service.id, {
                onSuccess: (deactivated) => {
                  if (!deactivated) return onDone();
                  setActive(false);
                  setRemovedNote('Bookings still refer to this service, so it was made inactive instead of deleted.');
                },
              }),
          }
        }
      />
    </form>
  );
}
