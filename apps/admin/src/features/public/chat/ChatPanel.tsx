import { useMutation } from '@tanstack/react-query';
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

  const chat = useMutation({
    mutationFn: async ({ message, session }: { message: string; session: string | null }) => {
      const ask = (s: string | null) => publicApi.post<ChatResponse>(`/public/${slug}/chat`, { text: message, ...(s && { session: s }) });
      try {
        return await ask(session);
      } catch (error) {
        // The session ended: the message starts a new one.
        if (session && sessionGone(error)) return ask(null);
        throw error;
      }
    },
    onSuccess: (response) =>
      update((current) => ({
        session: response.session,
        lines: [...current.lines, ...response.replies.map((r) => ({ from: 'bot' as const, text: r.text, options: r.options }))],
      })),
  });
  const errors = splitErrors(chat.error, ['text']);

  const send = (message: string) => {
    if (!message.trim() || chat.isPending) return;
    update((current) => ({ ...current, lines: [...current.lines, { from: 'you', text: message }] }));
    setText('');
    chat.mutate({ message, session: stored.session });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(text);
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
        {stored.lines.length === 0 && <li className="muted">Ask about prices and hours, or book, change or cancel an appointment.</li>}
        {stored.lines.map((line, index) => (
          <li key={index} className={`chat-line chat-line--${line.from}`}>
            <span className="sr-only">{line.from === 'you' ? 'You:' : `${business}:`}</span>
            <span className="chat-text">{line.text}</span>
            {line.options && index === last && (
              <span className="chat-options">
                {line.options.map((option) => (
                  <button key={option.id} type="button" className="slot" disabled={chat.isPending} onClick={() => send(option.label)}>
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
          <button type="submit" className="button button--primary" disabled={chat.isPending || !text.trim()}>
            {chat.isPending ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
    </section>
  );
}
