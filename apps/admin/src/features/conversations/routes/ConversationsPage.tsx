import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ConversationDetail, MessageAuthor } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { useTenant, useTenantPath } from '../../../app/tenant-scope';
import { formatDateTime } from '../../../app/time';
import { CheckboxField, TextAreaField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { Empty, FormErrors, PageHeader, Pagination } from '../../../ui/states';
import { INBOX_UNAVAILABLE, STATE_LABELS } from '../components/labels';
import { inboxUnavailable, useConversation, useConversations, useReplyToConversation, useSetBotPaused } from '../api';

const PAGE_SIZE = 50;

const AUTHOR_LABELS: Record<MessageAuthor, string> = { customer: 'Customer', bot: 'Bot', staff: 'Staff' };

/** The inbox: threads needing a person first; the open thread beside the list. */
export function ConversationsPage() {
  const tenant = useTenant();
  const path = useTenantPath();
  const { conversationId } = useParams();
  const [params, setParams] = useSearchParams();
  const flaggedOnly = params.get('flagged') === '1';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const list = useConversations({ ...(flaggedOnly ? { flagged: true } : {}), limit: PAGE_SIZE, offset });

  return (
    <section>
      <PageHeader title="Conversations">
        <Link className="button" to={path('/conversations/playground')}>
          Try your bot
        </Link>
      </PageHeader>
      <div className="inbox">
        <div className="inbox-list">
          <CheckboxField
            label="Needs staff only"
            checked={flaggedOnly}
            onChange={(checked) => setParams(checked ? { flagged: '1' } : {})}
          />
          <QueryState
            query={list}
            loading="Loading conversations…"
            empty={flaggedOnly ? 'Nobody is waiting for staff.' : 'No conversations yet. Customers’ messages appear here.'}
            renderError={(error) => (inboxUnavailable(error) ? <Empty>{INBOX_UNAVAILABLE}</Empty> : undefined)}
          >
            {(threads) => (
              <>
                <ul className="thread-list" aria-label="Threads">
                  {threads.items.map((thread) => (
                    <li key={thread.id}>
                      <Link
                        to={path(`/conversations/${thread.id}${flaggedOnly ? '?flagged=1' : ''}`)}
                        className={`thread${thread.id === conversationId ? ' thread--open' : ''}${thread.flaggedForStaff ? ' thread--flagged' : ''}`}
                        aria-current={thread.id === conversationId ? 'page' : undefined}
                      >
                        <span className="thread-who">{thread.customer.name ?? thread.customer.phone}</span>
                        <span className="thread-badges">
                          {thread.flaggedForStaff && <span className="badge badge--no_show">Needs staff</span>}
                          {thread.botPaused && <span className="badge badge--held">Bot paused</span>}
                          {thread.optedOut && <span className="badge badge--cancelled">Opted out</span>}
                          <span className="badge">{thread.channel}</span>
                        </span>
                        <span className="thread-preview">{thread.lastMessagePreview ?? ''}</span>
                        <span className="thread-time muted">
                          {thread.lastMessageAt ? formatDateTime(thread.lastMessageAt, tenant.timezone, tenant.locale) : ''} ·{' '}
                          {STATE_LABELS[thread.state] ?? thread.state}
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
                <Pagination
                  total={threads.total}
                  limit={PAGE_SIZE}
                  offset={offset}
                  onChange={(next) => setParams({ ...(flaggedOnly ? { flagged: '1' } : {}), offset: String(next) })}
                  label="Thread pages"
                />
              </>
            )}
          </QueryState>
        </div>
        <div className="inbox-thread">
          {conversationId ? <Thread id={conversationId} /> : <Empty>Choose a thread to read and reply.</Empty>}
        </div>
      </div>
    </section>
  );
}

function Thread({ id }: { id: string }) {
  const conversation = useConversation(id);
  return (
    <QueryState query={conversation} loading="Loading the thread…">
      {(data) => <ThreadView conversation={data} />}
    </QueryState>
  );
}

function ThreadView({ conversation }: { conversation: ConversationDetail }) {
  const tenant = useTenant();
  const reply = useReplyToConversation();
  const pause = useSetBotPaused();
  const [text, setText] = useState('');
  const end = useRef<HTMLLIElement>(null);
  const errors = splitErrors(reply.error, ['text']);

  // Chromium's scrollIntoView returns a promise; an effect must not return it.
  useEffect(() => {
    void end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [conversation.messages.length]);

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    reply.mutate({ id: conversation.id, text: text.trim() }, { onSuccess: () => setText('') });
  };

  return (
    <div className="card thread-view">
      <header className="thread-header">
        <div>
          <h2>{conversation.customer.name ?? conversation.customer.phone}</h2>
          <p className="muted">
            {conversation.customer.phone} · {conversation.channel} · {STATE_LABELS[conversation.state] ?? conversation.state}
          </p>
        </div>
        <div className="form-actions">
          {conversation.flaggedForStaff && <span className="badge badge--no_show">Needs staff</span>}
          {conversation.optedOut && <span className="badge badge--cancelled">Opted out of messages</span>}
          <button
            type="button"
            className="button"
            disabled={pause.isPending}
            onClick={() => pause.mutate({ id: conversation.id, paused: !conversation.botPaused })}
          >
            {conversation.botPaused ? 'Resume bot' : 'Pause bot'}
          </button>
        </div>
      </header>
      {conversation.botPaused && (
        <p className="notice">The bot is paused: it will not answer this customer until you resume it.</p>
      )}
      <FormErrors messages={pause.error ? [pause.error.message] : []} />
      <ol className="messages" aria-label="Messages">
        {conversation.messages.map((message) => (
          <li key={message.id} className={`message message--${message.direction} message--${message.author}`}>
            <span className="message-meta">
              {AUTHOR_LABELS[message.author]} · {formatDateTime(message.createdAt, tenant.timezone, tenant.locale)}
              {message.status === 'failed' ? ' · not delivered' : ''}
            </span>
            <span className="message-body">{message.body}</span>
          </li>
        ))}
        <li ref={end} aria-hidden="true" className="messages-end" />
      </ol>
      <form noValidate className="reply-form" onSubmit={send} aria-label="Reply">
        <FormErrors messages={errors.form} />
        <TextAreaField
          label="Reply as the business"
          value={text}
          onChange={setText}
          rows={2}
          maxLength={1600}
          errors={errors.fields.text}
        />
        <button type="submit" className="button button--primary" disabled={reply.isPending || !text.trim()}>
          Send reply
        </button>
      </form>
    </div>
  );
}
