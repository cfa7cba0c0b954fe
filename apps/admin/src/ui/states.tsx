import type { ReactNode } from 'react';
import { ApiError } from '../app/api-client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Problems that concern the whole form (or the whole request), not one field. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const messages = error instanceof ApiError ? error.messages : [error instanceof Error ? error.message : 'Something went wrong'];
  return (
    <div className="form-errors" role="alert">
      <p>{messages.join(' ')}</p>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}

export function Pagination({
  total,
  limit,
  offset,
  onChange,
  label = 'Pages',
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  label?: string;
}) {
  if (total <= limit && offset === 0) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="button button--small" disabled={page <= 1} onClick={() => onChange(0)}>
        First
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={page <= 1}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <span aria-live="polite">
        Page {page} of {pages} · {offset + 1}–{Math.min(offset + limit, total)} of {total}
      </span>
      <button type="button" className="button button--small" disabled={page >= pages} onClick={() => onChange(offset + limit)}>
        Next
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={page >= pages}
        onClick={() => onChange((pages - 1) * limit)}
      >
        Last
      </button>
    </nav>
  );
}
