import type { ReactNode } from 'react';
import { ApiError } from '../app/api-client';
import { Empty, ErrorState, Loading } from './states';

/**
 * What `QueryState` reads of a query: a `useQuery` result fits, and so does `allOf(...)` of several.
 * Only data, error and refetch, so a combination of queries is easy to build and to fake in a test.
 */
export interface QueryLike<TData, TError = Error> {
  data: TData | undefined;
  error: TError | null;
  refetch: () => unknown;
}

interface QueryStateProps<TData, TError> {
  query: QueryLike<TData, TError>;
  /** Shown until the first data arrives: a string is the spinner's label, anything else is shown as is. */
  loading?: ReactNode;
  /** Shown (in `<Empty>`) instead of the children when the data is empty; without it, empty data goes to the children. */
  empty?: ReactNode;
  /** When `empty` applies; by default an empty array, or a list response (`{ items }`) with no items. */
  isEmpty?: (data: TData) => boolean;
  /** Shown instead of the error message when the API answered 404 (the record does not exist). */
  notFound?: ReactNode;
  /** Replaces the error message and its retry button; returning `undefined` keeps them. */
  renderError?: (error: TError, retry: () => void) => ReactNode;
  children: (data: TData) => ReactNode;
}

/**
 * The loading, error and empty states of a query, then its data. Data comes first: after a background
 * refetch fails, the page keeps what it showed rather than swapping it for an error.
 */
export function QueryState<TData, TError = Error>({
  query,
  loading,
  empty,
  isEmpty = isEmptyData,
  notFound,
  renderError,
  children,
}: QueryStateProps<TData, TError>) {
  const { data, error } = query;
  if (data !== undefined) {
    return empty !== undefined && isEmpty(data) ? <Empty>{empty}</Empty> : children(data);
  }
  if (error !== null) {
    if (notFound !== undefined && error instanceof ApiError && error.status === 404) return notFound;
    const retry = () => void query.refetch();
    const custom = renderError?.(error, retry);
    return custom !== undefined ? custom : <ErrorState error={error} onRetry={retry} />;
  }
  return typeof loading === 'string' || loading === undefined ? <Loading label={loading} /> : loading;
}

function isEmptyData(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) && items.length === 0;
}

type DataOf<Q> = { -readonly [K in keyof Q]: Q[K] extends QueryLike<infer D, unknown> ? D : never };
type ErrorOf<Q> = Q extends QueryLike<unknown, infer E> ? E : never;

/**
 * Several queries as one: data once every query has some (as a tuple, in order), the first error
 * otherwise; retry refetches the queries that failed.
 */
export function allOf<const Q extends readonly QueryLike<unknown, unknown>[]>(
  ...queries: Q
): QueryLike<DataOf<Q>, ErrorOf<Q[number]>> {
  const failed = queries.filter((query) => query.data === undefined && query.error !== null);
  const complete = queries.every((query) => query.data !== undefined);
  return {
    data: complete ? (queries.map((query) => query.data) as DataOf<Q>) : undefined,
    error: (failed[0]?.error ?? null) as ErrorOf<Q[number]> | null,
    refetch: () => Promise.all(failed.map((query) => query.refetch())),
  };
}
