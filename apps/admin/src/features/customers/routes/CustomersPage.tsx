import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTenantPath } from '../../../app/tenant-scope';
import { TextField } from '../../../ui/Field';
import { Empty, ErrorState, Loading, PageHeader, Pagination } from '../../../ui/states';
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
      {customers.isPending ? (
        <Loading label="Loading customers…" />
      ) : customers.isError ? (
        <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />
      ) : customers.data.items.length === 0 ? (
        <Empty>
          {search ? `No customer matches “${search}”.` : 'No customers yet: they appear with their first booking or message.'}
        </Empty>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Email</th>
                  <th scope="col">Visits</th>
                  <th scope="col">Cancellations</th>
                  <th scope="col">No-shows</th>
                  <th scope="col">Messages</th>
                </tr>
              </thead>
              <tbody>
                {customers.data.items.map((customer) => (
                  <tr key={customer.id}>
                    <td>
                      <Link to={path(`/customers/${customer.id}`)}>{customer.name ?? 'No name'}</Link>
                    </td>
                    <td>{customer.phone}</td>
                    <td>{customer.email ?? '—'}</td>
                    <td>{customer.visitCount}</td>
                    <td>{customer.cancellationCount}</td>
                    <td>{customer.noShowCount}</td>
                    <td>{customer.optedOut ? <span className="badge badge--cancelled">Opted out</span> : 'Allowed'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            total={customers.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={(next) => setParams({ ...(search ? { search } : {}), offset: String(next) })}
            label="Customer pages"
          />
        </>
      )}
    </section>
  );
}
