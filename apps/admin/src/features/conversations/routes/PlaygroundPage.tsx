import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { ChatOption, ChatResponse } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { useTenant, useTenantPath } from '../../../app/tenant-scope';
import { TextField } from '../../../ui/Field';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useSendChat } from '../api';
import { STATE_LABELS } from '../components/labels';

interface Line {
  from: 'you' | 'bot';
  text: string;
  options?: ChatOption[];
}

/** A made-up number in the 555-01xx range, so tests never reach a real person. */
const testNumber = () => `+1555010${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

/** The owner chats with their own bot as a test customer, through the public chat endpoint. */
export function PlaygroundPage() {
  const tenant = useTenant();
  const path = useTenantPath();
  const chat = useSendChat(tenant.slug);
  const [from, setFrom] = useState(testNumber);
  const [text, setText] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [last, setLast] = useState<ChatResponse | null>(null);
  const errors = splitErrors(chat.error, ['from', 'text']);

  const send = (message: string) => {
    if (!message.trim()) return;
    setLines((current) => [...current, { from: 'you', text: message }]);
    setText('');
    chat.mutate(
      { from, text: message },
      {
        onSuccess: (response) => {
          setLast(response);
          setLines((current) => [
            ...current,
            ...response.replies.map((reply) => ({ from: 'bot' as const, text: reply.text, options: reply.options })),
          ]);
        },
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(text);
  };

  return (
    <section>
      <PageHeader title="Bot playground">
        <Link className="button button--ghost" to={path('/conversations')}>
          Back to the inbox
        </Link>
      </PageHeader>
      <p className="muted">
        Chat with your bot as a customer would. Bookings made here are real bookings in your calendar; cancel them afterwards.
      </p>
      <div className="form-row">
        <TextField label="Test customer phone" type="tel" value={from} onChange={setFrom} errors={errors.fields.from} />
        <div className="form-actions">
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setFrom(testNumber());
              setLines([]);
              setLast(null);
            }}
          >
            New test customer
          </button>
        </div>
      </div>
      <div className="card thread-view">
        <ol className="messages" aria-label="Chat">
          {lines.length === 0 && <li className="muted">Say hello, or ask for a haircut tomorrow at 10.</li>}
          {lines.map((line, index) => (
            <li key={index} className={`message message--${line.from === 'you' ? 'inbound' : 'outbound'}`}>
              <span className="message-meta">{line.from === 'you' ? 'You (customer)' : 'Bot'}</span>
              <span className="message-body">{line.text}</span>
              {line.options && index === lines.length - 1 && (
                <span className="slot-list">
                  {line.options.map((option) => (
                    <button key={option.id} type="button" className="slot" onClick={() => send(option.label)}>
                      {option.label}
                    </button>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ol>
        {last && (
          <p className="muted" aria-live="polite">
            State: {STATE_LABELS[last.state] ?? last.state}
            {last.awaiting ? ` · waiting for ${last.awaiting.replace('_', ' ')}` : ''}
            {last.bookingId && (
              <>
                {' · '}
                <Link to={path(`/bookings/${last.bookingId}`)}>open the booking</Link>
              </>
            )}
          </p>
        )}
        <form noValidate className="reply-form" onSubmit={submit} aria-label="Message the bot">
          <FormErrors messages={errors.form} />
          <TextField label="Message" value={text} onChange={setText} errors={errors.fields.text} autoComplete="off" />
          <button type="submit" className="button button--primary" disabled={chat.isPending || !text.trim()}>
            {chat.isPending ? 'Sending…' : 'Send'}
          </button>
        </form>
      </div>
    </section>
  );
}
