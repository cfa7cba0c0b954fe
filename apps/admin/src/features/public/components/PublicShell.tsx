import { type ReactNode, useEffect } from 'react';
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
export function ProblemPage({ title, message, business }: { title: string; message: string; business?: string }) {
  return (
    <PublicShell business={business}>
      <section className="card" role="alert">
        <h1>{title}</h1>
        <p>{message}</p>
      </section>
    </PublicShell>
  );
}
