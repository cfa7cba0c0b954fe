import { type ReactNode, useEffect } from 'react';
import { ApiError } from '../../../app/api-client';
import { ErrorState, Loading } from '../../../ui/states';
import { publicProblem } from '../booking-form';
import '../public.css';

/** The frame of the customer-facing pages: no admin navigation, one narrow column. */
export function PublicShell({ business, children }: { business?: string; children: ReactNode }) {
  useEffect(() => {
    document.title = business ? `${business} · Book online` : 'Book online';
  }, [business]);
  return (
    <div className="public">
      <header className="public-header">
        <span className="public-business">{business ?? 'Book online'}</span>
      </header>
      <main className="public-main">{children}</main>
      <footer className="public-footer muted">Online booking by Frontdesk</footer>
    </div>
  );
}

/** A whole-page problem (unknown business, bad link) with a heading that says what happened. */
function ProblemPage({ title, message, business }: { title: string; message: string; business?: string }) {
  return (
    <PublicShell business={business}>
      <section className="card" role="alert">
        <h1>{title}</h1>
        <p>{message}</p>
      </section>
    </PublicShell>
  );
}

/** A page's first load, before the business is known. */
export function PublicLoading({ label }: { label?: string }) {
  return (
    <PublicShell>
      <Loading label={label} />
    </PublicShell>
  );
}

/** A page that could not load: a 4xx is a problem with the link, said as such; anything else may pass, so it offers a retry. */
export function PublicLoadProblem({ error, onRetry }: { error: Error; onRetry: () => void }) {
  if (error instanceof ApiError && error.status < 500) return <ProblemPage {...publicProblem(error)} />;
  return (
    <PublicShell>
      <ErrorState error={error} onRetry={onRetry} />
    </PublicShell>
  );
}
