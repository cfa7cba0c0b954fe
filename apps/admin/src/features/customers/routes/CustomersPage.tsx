import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Customer } from '@frontdesk/contracts';
import { useTenantPath } from '../../../app/tenant-scope';
import { type Column, DataTable } from '../../../ui/DataTable';
import { TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { PageHeader, Pagination } from '../../../ui/states';
import { useCustomers } from '../api';

const PAGE_SIZE = 50;

export function CustomersPage() {
  const path = useTenantPath();
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [text, setText] = useState(search);

  // Search as the user types, once they pause.
  useEffect(() => {
    if (text.trim() === search) return;
    const timer = setTimeout(() => setParams(text.trim() ? { search: text.trim() } : {}, { replace: true }), 300);
    return () => clearTimeout(timer);
  }, [text, search, setParams]);

  const customers = useCustomers({ search: search || undefined, limit: PAGE_SIZE, offset });
  const columns: Column<Customer>[] = [
    { header: 'Name', cell: (customer) => <Link to={path(`/customers/${customer.id}`)}>{customer.name ?? 'No name'}</Link> },
    { header: 'Phone', cell: (customer) => customer.phone },
    { header: 'Email', cell: (customer) => customer.email ?? '—' },
    { header: 'Visits', cell: (customer) => customer.visitCount },
    { header: 'Cancellations', cell: (customer) => customer.cancellationCount },
    { header: 'No-shows', cell: (customer) => customer.noShowCount },
    {
      header: 'Messages',
      cell: (customer) => (customer.optedOut ? <span className="badge badge--cancelled">Opted out</span> : 'Allowed'),
    },
  ];
  return (
    <section>
      <PageHeader title="Customers" />
      <form
        noValidate
        className="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setParams(text.trim() ? { search: text.trim() } : {});
        }}
      >
        <TextField label="Search by name or phone" type="search" value={text} onChange={setText} />
      </form>
      <QueryState
        query={customers}
        loading="Loading customers…"
        empty={search ? `No customer matches “${search}”.` : 'No customers yet: they appear with their first booking or message.'}
      >
        {(list) => (
          <>
            <DataTable label="Customers" columns={columns} rows={list.items} />
            <Pagination
              total={list.total}
              limit={PAGE_SIZE}
              offset={offset}
              onChange={(next) => setParams({ ...(search ? { search } : {}), offset: String(next) })}
              label="Customer pages"
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
