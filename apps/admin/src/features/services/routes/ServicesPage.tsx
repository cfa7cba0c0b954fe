import { type FormEvent, useState } from 'react';
import type { DepositRule, Service } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { typedNumber } from '../../../app/forms';
import { useTenant, useTenantScope } from '../../../app/tenant-scope';
import { formatMoney, minorUnitDigits } from '../../../app/time';
import { CatalogFormActions } from '../../../ui/CatalogFormActions';
import { CheckboxField, TextField } from '../../../ui/Field';
import { actionsColumn, type Column, DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { FormErrors, PageHeader } from '../../../ui/states';
import { DepositRuleField } from '../../settings/components/DepositRuleField';
import { type ServiceInput, useCreateService, useDeleteService, useServices, useUpdateService } from '../api';

const FIELDS = [
  'name',
  'durationMinutes',
  'priceCents',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'aliases',
  'active',
  'deposit',
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
      <QueryState query={services} loading="Loading services…">
        {(data) => <ServicesTable services={data} onEdit={canManage ? setEditing : undefined} />}
      </QueryState>
    </section>
  );
}

function ServicesTable({ services, onEdit }: { services: Service[]; onEdit?: (service: Service) => void }) {
  const tenant = useTenant();
  const columns: Column<Service>[] = [
    { header: 'Name', cell: (service) => service.name },
    { header: 'Duration', cell: (service) => `${service.durationMinutes} min` },
    { header: 'Price', cell: (service) => formatMoney(service.priceCents, tenant.currency, tenant.locale) },
    {
      header: 'Buffers',
      cell: (service) =>
        service.bufferBeforeMinutes || service.bufferAfterMinutes
          ? `${service.bufferBeforeMinutes} / ${service.bufferAfterMinutes} min`
          : '—',
    },
    { header: 'Also called', cell: (service) => service.aliases.join(', ') || '—' },
    {
      header: 'Status',
      cell: (service) => (service.active ? 'Bookable' : <span className="badge badge--expired">Inactive</span>),
    },
  ];
  if (onEdit) {
    columns.push(
      actionsColumn((service) => (
        <button
          type="button"
          className="button button--small"
          aria-label={`Edit ${service.name}`}
          onClick={() => onEdit(service)}
        >
          Edit
        </button>
      )),
    );
  }
  return (
    <DataTable
      label="Services"
      columns={columns}
      rows={services}
      empty="No services yet. Add what customers can book."
      rowClassName={(service) => (service.active ? undefined : 'row--inactive')}
    />
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
  const [deposit, setDeposit] = useState<DepositRule | null>(service?.deposit ?? null);
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
      deposit,
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
      <DepositRuleField
        label="Deposit"
        value={deposit}
        onChange={setDeposit}
        currency={tenant.currency}
        allowDefault
        errors={errors.fields.deposit}
      />
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
