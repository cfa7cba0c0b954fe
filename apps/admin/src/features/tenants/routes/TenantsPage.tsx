import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { Locale, Tenant } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { type Column, DataTable } from '../../../ui/DataTable';
import { SelectField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useOnboardTenant, usePlatformTenants, useSetTenantStatus } from '../api';

export function TenantsPage() {
  const tenants = usePlatformTenants();
  const [onboarding, setOnboarding] = useState(false);
  const [created, setCreated] = useState<Tenant | null>(null);
  return (
    <section>
      <PageHeader title="Tenants">
        {!onboarding && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setOnboarding(true);
              setCreated(null);
            }}
          >
            Onboard a business
          </button>
        )}
      </PageHeader>
      {created && (
        <p className="notice" role="status">
          {created.name} is ready. Its owner can sign in now. <Link to={`/tenants/${created.id}`}>Open {created.name}</Link>
        </p>
      )}
      {onboarding && (
        <OnboardForm
          onDone={(tenant) => {
            setOnboarding(false);
            setCreated(tenant);
          }}
          onCancel={() => setOnboarding(false)}
        />
      )}
      <QueryState query={tenants} loading="Loading tenants…">
        {(data) => <TenantsTable tenants={data} />}
      </QueryState>
    </section>
  );
}

function TenantsTable({ tenants }: { tenants: Tenant[] }) {
  const setStatus = useSetTenantStatus();
  const columns: Column<Tenant>[] = [
    { header: 'Business', cell: (tenant) => <Link to={`/tenants/${tenant.id}`}>{tenant.name}</Link> },
    { header: 'Slug', cell: (tenant) => tenant.slug },
    { header: 'Time zone', cell: (tenant) => tenant.timezone },
    {
      header: 'Status',
      cell: (tenant) =>
        tenant.status === 'active' ? (
          <span className="badge badge--confirmed">Active</span>
        ) : (
          <span className="badge badge--cancelled">Suspended</span>
        ),
    },
    {
      header: 'Actions',
      hideHeader: true,
      className: 'actions-cell',
      cell: (tenant) => (
        <>
          <Link className="button button--small" to={`/tenants/${tenant.id}`} aria-label={`Open ${tenant.name}`}>
            Open
          </Link>
          <button
            type="button"
            className={`button button--small${tenant.status === 'active' ? ' button--danger' : ''}`}
            disabled={setStatus.isPending}
            aria-label={`${tenant.status === 'active' ? 'Suspend' : 'Activate'} ${tenant.name}`}
            onClick={() => setStatus.mutate({ id: tenant.id, status: tenant.status === 'active' ? 'suspended' : 'active' })}
          >
            {tenant.status === 'active' ? 'Suspend' : 'Activate'}
          </button>
        </>
      ),
    },
  ];
  return (
    <>
      <FormErrors messages={setStatus.error ? [setStatus.error.message] : []} />
      <DataTable label="Tenants" columns={columns} rows={tenants} empty="No businesses yet." />
    </>
  );
}

const FIELDS = [
  'name',
  'slug',
  'timezone',
  'currency',
  'country',
  'locale',
  'owner.email',
  'owner.name',
  'owner.password',
] as const;

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

function OnboardForm({ onDone, onCancel }: { onDone: (tenant: Tenant) => void; onCancel: () => void }) {
  const onboard = useOnboardTenant();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York');
  const [currency, setCurrency] = useState('usd');
  const [country, setCountry] = useState('US');
  const [locale, setLocale] = useState<Locale>('en');
  const [ownerName, setOwnerName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [ownerPassword, setOwnerPassword] = useState('');
  const errors = splitErrors(onboard.error, FIELDS, { slug_taken: 'slug' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onboard.mutate(
      {
        name: name.trim(),
        slug: slug.trim(),
        timezone: timezone.trim(),
        currency: currency.trim(),
        country: country.trim(),
        locale,
        owner: { name: ownerName.trim(), email: ownerEmail.trim(), password: ownerPassword },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form noValidate className="card form" onSubmit={submit} aria-label="Onboard a business">
      <h2>Onboard a business</h2>
      <FormErrors messages={errors.form} />
      <div className="form-row">
        <TextField
          label="Business name"
          required
          value={name}
          onChange={(value) => {
            setName(value);
            if (!slugEdited) setSlug(slugify(value));
          }}
          errors={errors.fields.name}
        />
        <TextField
          label="Slug"
          required
          value={slug}
          onChange={(value) => {
            setSlug(value);
            setSlugEdited(true);
          }}
          errors={errors.fields.slug}
          hint="Lower-case letters, digits and hyphens; used in booking links."
        />
      </div>
      <div className="form-row">
        <TextField
          label="Time zone"
          required
          value={timezone}
          onChange={setTimezone}
          errors={errors.fields.timezone}
          hint="IANA zone, e.g. America/New_York"
        />
        <TextField
          label="Currency"
          required
          value={currency}
          onChange={(v) => setCurrency(v.toLowerCase())}
          errors={errors.fields.currency}
          maxLength={3}
        />
        <TextField
          label="Country"
          required
          value={country}
          onChange={(v) => setCountry(v.toUpperCase())}
          errors={errors.fields.country}
          maxLength={2}
        />
        <SelectField
          label="Language"
          value={locale}
          onChange={(value) => setLocale(value as Locale)}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Spanish' },
          ]}
          errors={errors.fields.locale}
        />
      </div>
      <h3 className="form-section">Owner</h3>
      <div className="form-row">
        <TextField
          label="Owner name"
          required
          value={ownerName}
          onChange={setOwnerName}
          errors={errors.fields['owner.name']}
          autoComplete="off"
        />
        <TextField
          label="Owner email"
          type="email"
          required
          value={ownerEmail}
          onChange={setOwnerEmail}
          errors={errors.fields['owner.email']}
          autoComplete="off"
        />
        <TextField
          label="Owner password"
          type="password"
          required
          value={ownerPassword}
          onChange={setOwnerPassword}
          errors={errors.fields['owner.password']}
          autoComplete="new-password"
          hint="At least 10 characters, not a common password and not containing the email; share it with the owner safely."
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={onboard.isPending}>
          {onboard.isPending ? 'Creating…' : 'Create business'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
