/** Placeholder until the admin app is built (issue 5): shows that the API is reachable. */
import { useEffect, useState } from 'react';

export function App() {
  const [health, setHealth] = useState<string>('checking…');
  useEffect(() => {
    fetch('/health')
      .then((r) => r.json() as Promise<{ status: string; db: string }>)
      .then((h) => setHealth(`API ${h.status}, database ${h.db}`))
      .catch(() => setHealth('API unreachable'));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '4rem auto', padding: '0 1rem' }}>
      <h1>Frontdesk</h1>
      <p>The AI front desk for appointment businesses.</p>
      <p role="status">{health}</p>
      <p>
        API documentation: <a href="/api/docs">/api/docs</a>
      </p>
    </main>
  );
}
