import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../app/api-client';
import { allOf, QueryState, type QueryLike } from './QueryState';

const pending = <T,>(): QueryLike<T> => ({ data: undefined, error: null, refetch: vi.fn() });
const failed = <T,>(error: Error, data?: T): QueryLike<T> => ({ data, error, refetch: vi.fn() });
const loaded = <T,>(data: T): QueryLike<T> => ({ data, error: null, refetch: vi.fn() });

const names = (list: string[]) => (
  <ul aria-label="Names">
    {list.map((name) => (
      <li key={name}>{name}</li>
    ))}
  </ul>
);

describe('QueryState', () => {
  it('shows a labelled spinner until the first data arrives', () => {
    render(
      <QueryState query={pending<string[]>()} loading="Loading names…">
        {names}
      </QueryState>,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading names…');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('says "Loading…" without a label, and shows a loading element as it is', () => {
    const { unmount } = render(<QueryState query={pending<string[]>()}>{names}</QueryState>);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    unmount();
    render(
      <QueryState query={pending<string[]>()} loading={<p>Hold on</p>}>
        {names}
      </QueryState>,
    );
    expect(screen.getByText('Hold on')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('renders the data through its children', () => {
    render(<QueryState query={loaded(['Ana', 'Ben'])}>{names}</QueryState>);
    expect(
      within(screen.getByRole('list', { name: 'Names' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Ana', 'Ben']);
  });

  it('shows the API’s message and retries with refetch', async () => {
    const query = failed<string[]>(new ApiError(503, { message: 'The database is resting' }));
    render(<QueryState query={query}>{names}</QueryState>);
    expect(screen.getByRole('alert').textContent).toContain('The database is resting');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(query.refetch).toHaveBeenCalledTimes(1);
  });

  it('keeps showing the data when a background refetch fails', () => {
    render(<QueryState query={failed(new Error('offline'), ['Ana'])}>{names}</QueryState>);
    expect(screen.getByRole('list', { name: 'Names' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows `notFound` for a 404, and the error with its retry for anything else', () => {
    const missing = <h1>Nothing here</h1>;
    const { unmount } = render(
      <QueryState query={failed<string[]>(new ApiError(404, { code: 'not_found' }))} notFound={missing}>
        {names}
      </QueryState>,
    );
    expect(screen.getByRole('heading', { name: 'Nothing here' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    unmount();
    render(
      <QueryState query={failed<string[]>(new ApiError(503, { message: 'Resting' }))} notFound={missing}>
        {names}
      </QueryState>,
    );
    expect(screen.queryByRole('heading', { name: 'Nothing here' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('Resting');
  });

  it('lets the page say what an error means, falls back when it returns undefined, and shows nothing for null', async () => {
    const notFound = failed<string[]>(new ApiError(404, { code: 'not_found', message: 'No such thing' }));
    const renderError = (error: Error, retry: () => void) =>
      error instanceof ApiError && error.status === 404 ? (
        <button type="button" onClick={retry}>
          Not here, look again
        </button>
      ) : undefined;
    const { unmount } = render(
      <QueryState query={notFound} renderError={renderError}>
        {names}
      </QueryState>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Not here, look again' }));
    expect(notFound.refetch).toHaveBeenCalledTimes(1);
    unmount();

    const { unmount: unmount2 } = render(
      <QueryState query={failed<string[]>(new Error('boom'))} renderError={renderError}>
        {names}
      </QueryState>,
    );
    expect(screen.getByRole('alert').textContent).toContain('boom');
    unmount2();

    const { container } = render(
      <QueryState query={failed<string[]>(new Error('boom'))} renderError={() => null}>
        {names}
      </QueryState>,
    );
    expect(container.textContent).toBe('');
  });

  it('says the empty text for an empty array or an empty list response, and only when given one', () => {
    const { unmount } = render(
      <QueryState query={loaded<string[]>([])} empty="Nobody yet.">
        {names}
      </QueryState>,
    );
    expect(screen.getByText('Nobody yet.').className).toBe('empty');
    expect(screen.queryByRole('list')).toBeNull();
    unmount();

    const { unmount: unmount2 } = render(
      <QueryState query={loaded({ items: [] as string[], total: 0 })} empty="No threads.">
        {(list) => names(list.items)}
      </QueryState>,
    );
    expect(screen.getByText('No threads.')).toBeTruthy();
    unmount2();

    render(<QueryState query={loaded<string[]>([])}>{names}</QueryState>);
    expect(screen.getByRole('list', { name: 'Names' }).children).toHaveLength(0);
  });

  it('asks isEmpty when the emptiness is the page’s to decide', () => {
    render(
      <QueryState query={loaded(['Ana', 'Ben'])} empty="Nobody called Zoe." isEmpty={(list) => !list.includes('Zoe')}>
        {names}
      </QueryState>,
    );
    expect(screen.getByText('Nobody called Zoe.')).toBeTruthy();
  });

  it('follows a real useQuery from loading to data, and from an error to data again on retry', async () => {
    const fetchNames = vi
      .fn<() => Promise<string[]>>()
      .mockRejectedValueOnce(new ApiError(500, { message: 'Server trouble' }))
      .mockResolvedValueOnce(['Ana']);
    function Names() {
      const query = useQuery({ queryKey: ['names'], queryFn: fetchNames });
      return (
        <QueryState query={query} loading="Loading names…">
          {names}
        </QueryState>
      );
    }
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <Names />
      </QueryClientProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading names…');
    expect((await screen.findByRole('alert')).textContent).toContain('Server trouble');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('list', { name: 'Names' })).textContent).toBe('Ana');
    expect(fetchNames).toHaveBeenCalledTimes(2);
  });
});

describe('allOf', () => {
  it('has data once every query has, as a tuple in order', () => {
    const both = allOf(loaded(['Ana']), loaded(3));
    expect(both.data).toEqual([['Ana'], 3]);
    expect(both.error).toBeNull();
    expect(allOf(loaded(['Ana']), pending<number>()).data).toBeUndefined();
  });

  it('is still loading while one query is, and fails with the first error', () => {
    const first = new Error('first');
    expect(allOf(loaded(1), pending<number>()).error).toBeNull();
    const combined = allOf(loaded(1), failed<number>(first), failed<number>(new Error('second')));
    expect(combined.data).toBeUndefined();
    expect(combined.error).toBe(first);
  });

  it('retries only the queries that failed', async () => {
    const ok = loaded(1);
    const broken = failed<number>(new Error('x'));
    await allOf(ok, broken).refetch();
    expect(broken.refetch).toHaveBeenCalledTimes(1);
    expect(ok.refetch).not.toHaveBeenCalled();
  });

  it('renders through QueryState: the spinner, then both data', () => {
    const { rerender } = render(
      <QueryState query={allOf(loaded(['Ana']), pending<number>())}>{([list, count]) => `${list.join()} ${count}`}</QueryState>,
    );
    expect(screen.getByRole('status')).toBeTruthy();
    rerender(<QueryState query={allOf(loaded(['Ana']), loaded(2))}>{([list, count]) => `${list.join()} ${count}`}</QueryState>);
    expect(screen.getByText('Ana 2')).toBeTruthy();
  });
});
