import { type FormEvent, useState } from 'react';
import type { ChatOption, ChatResponse } from '@frontdesk/contracts';
import { ApiError, createApiClient } from '../../../app/api-client';
import { splitErrors } from '../../../app/errors';
import { TextField } from '../../../ui/Field';
import { FormErrors } from '../../../ui/states';
import './chat.css';

interface Line {
  from: 'you' | 'bot';
  text: string;
  options?: ChatOption[];
  /** A page the bot sends the customer to (the deposit's Checkout). */
  link?: { url: string; label: string };
}

interface Stored {
  session: string | null;
  lines: Line[];
}

/** Customers have no account: the chat goes out without a token, its session in the answer. */
const publicApi = createApiClient();

/**
 * The session lives in this tab's sessionStorage: it survives a reload, and a shared computer
 * forgets a verified phone when the tab closes (the server ends it after a day without messages).
 */
const storageKey = (slug: string) => `frontdesk.chat.${slug}`;

function load(slug: string): Stored {
  try {
    const raw = sessionStorage.getItem(storageKey(slug));
    if (raw) return JSON.parse(raw) as Stored;
  } catch {
    // Storage unavailable or unreadable: start afresh.
  }
  return { session: null, lines: [] };
}

function save(slug: string, stored: Stored): void {
  try {
    sessionStorage.setItem(storageKey(slug), JSON.stringify(stored));
  } catch {
    // A chat that cannot be kept across reloads still works.
  }
}

/** A session the server no longer knows (ended, or from another deployment). */
const sessionGone = (error: unknown) => error instanceof ApiError && error.status === 401 && error.code === 'link_invalid';

/** The booking page's chat with the business's assistant; loaded only when the customer opens it. */
export default function ChatPanel({ slug, business, onClose }: { slug: string; business: string; onClose: () => void }) {
  const [stored, setStored] = useState<Stored>(() => load(slug));
  const [text, setText] = useState('');
  const update = (change: (current: Stored) => Stored) =>
    setStored((current) => {
      const next = change(current);
      save(slug, next);
      return next;
    });

  // Plain state rather than a query-library mutation: this chunk stays self-contained, so
  // the booking page's own code does not change shape because of it.
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = splitErrors(error, ['text']);

  const ask = (message: string, session: string | null) =>
    publicApi.post<ChatResponse>(`/public/${slug}/chat`, { text: message, ...(session && { session }) });

  const send = async (message: string) => {
    if (!message.trim() || pending) return;
    update((current) => ({ ...current, lines: [...current.lines, { from: 'you', text: message }] }));
    setText('');
    setPending(true);
    setError(null);
    try {
      let response: ChatResponse;
      try {
        response = await ask(message, stored.session);
      } catch (failure) {
        // The session ended: the message starts a new one.
        if (!stored.session || !sessionGone(failure)) throw failure;
        response = await ask(message, null);
      }
      update((current) => ({
        session: response.session,
        lines: [
          ...current.lines,
          ...response.replies.map((r) => ({ from: 'bot' as const, text: r.text, options: r.options, link: r.link })),
        ],
      }));
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(text);
  };

  const last = stored.lines.length - 1;
  return (
    <section className="chat-panel card" aria-label={`Chat with ${business}`}>
      <header className="chat-panel-header">
        <h2>Chat with {business}</h2>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Close the chat
        </button>
      </header>
      <ol className="chat-lines" aria-label="Chat messages" aria-live="polite">
        {stored.lines.length === 0 && (
          <li className="muted">Ask about prices and hours, or book, change or cancel an appointment.</li>
        )}
        {stored.lines.map((line, index) => (
          <li key={index} className={`chat-line chat-line--${line.from}`}>
            <span className="sr-only">{line.from === 'you' ? 'You:' : `${business}:`}</span>
            <span className="chat-text">{line.text}</span>
            {line.link && (
              <span className="chat-options">
                <a className="button button--primary" href={line.link.url}>
                  {line.link.label}
                </a>
              </span>
            )}
            {line.options && index === last && (
              <span className="chat-options">
                {line.options.map((option) => (
                  <button
                    key={option.id}
                    type="button"
                    className="slot"
                    disabled={pending}
                    onClick={() => void send(option.label)}
                  >
                    {option.label}
                  </button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ol>
      <form noValidate className="chat-form" onSubmit={submit} aria-label="Message the business">
        <FormErrors messages={errors.form} />
        <div className="chat-compose">
          <TextField
            label="Your message"
            value={text}
            onChange={setText}
            errors={errors.fields.text}
            autoComplete="off"
            maxLength={2000}
          />
          <button type="submit" className="button button--primary" disabled={pending || !text.trim()}>
            {pending ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
    </section>
  );
}
