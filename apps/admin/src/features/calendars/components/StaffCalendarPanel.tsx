import { useState } from 'react';
import type { GoogleConnection, Staff } from '@frontdesk/contracts';
import { useTenant } from '../../../app/tenant-scope';
import { formatDateTime } from '../../../app/time';
import { CheckboxField, TextField } from '../../../ui/Field';
import { FormErrors } from '../../../ui/states';
import {
  useCalendarFeed,
  useConnectGoogle,
  useDisconnectGoogle,
  useGoogleConnection,
  useRegenerateFeed,
  useSetFeedBusyOnly,
  useSyncGoogle,
} from '../api';

const STATUS_LABELS: Record<GoogleConnection['status'], string> = {
  connected: 'Connected',
  disconnected: 'Not connected',
  error: 'Connected, last sync failed',
};

/** One staff member's calendars: the secret ICS feed and the Google Calendar connection. */
export function StaffCalendarPanel({
  member,
  onClose,
  leaveForGoogle,
}: {
  member: Pick<Staff, 'id' | 'name'>;
  onClose: () => void;
  /** Where the browser goes for Google's consent (tests pass a spy). */
  leaveForGoogle?: (url: string) => void;
}) {
  return (
    <div className="card" role="region" aria-label={`Calendars of ${member.name}`}>
      <h2>Calendars of {member.name}</h2>
      <GoogleSection staffId={member.id} leaveForGoogle={leaveForGoogle} />
      <FeedSection staffId={member.id} />
      <div className="form-actions">
        <button type="button" className="button button--ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

function GoogleSection({ staffId, leaveForGoogle }: { staffId: string; leaveForGoogle?: (url: string) => void }) {
  const tenant = useTenant();
  const connection = useGoogleConnection(staffId);
  const connect = useConnectGoogle(staffId, leaveForGoogle);
  const sync = useSyncGoogle(staffId);
  const disconnect = useDisconnectGoogle(staffId);
  const error = connection.error ?? connect.error ?? sync.error ?? disconnect.error;
  const google = connection.data;
  return (
    <section aria-label="Google Calendar">
      <h3>Google Calendar</h3>
      <FormErrors messages={error ? [error.message] : []} />
      {google && (
        <dl className="details">
          <dt>Status</dt>
          <dd>{STATUS_LABELS[google.status]}</dd>
          {google.email && (
            <>
              <dt>Account</dt>
              <dd>{google.email}</dd>
            </>
          )}
          <dt>Last sync</dt>
          <dd>{google.lastSyncAt ? formatDateTime(google.lastSyncAt, tenant.timezone, tenant.locale) : 'Never'}</dd>
          {google.lastError && (
            <>
              <dt>Problem</dt>
              <dd role="alert">{google.lastError}</dd>
            </>
          )}
        </dl>
      )}
      {google && (
        <div className="button-group">
          {google.status === 'disconnected' ? (
            <button
              type="button"
              className="button button--primary"
              disabled={connect.isPending}
              onClick={() => connect.mutate()}
            >
              Connect Google Calendar
            </button>
          ) : (
            <>
              <button type="button" className="button" disabled={sync.isPending} onClick={() => sync.mutate()}>
                Sync now
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={disconnect.isPending}
                onClick={() => disconnect.mutate()}
              >
                Disconnect Google Calendar
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function FeedSection({ staffId }: { staffId: string }) {
  const feed = useCalendarFeed(staffId);
  const regenerate = useRegenerateFeed(staffId);
  const busyOnly = useSetFeedBusyOnly(staffId);
  const [copied, setCopied] = useState(false);
  const error = feed.error ?? regenerate.error ?? busyOnly.error;
  const copy = async (url: string) => {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  };
  return (
    <section aria-label="Calendar feed">
      <h3>Calendar feed (ICS)</h3>
      <p className="field-hint">Subscribe to this secret address in any calendar app. Anyone with it can see these bookings.</p>
      <FormErrors messages={error ? [error.message] : []} />
      {feed.data && (
        <>
          <TextField
            label="Feed URL"
            readOnly
            value={feed.data.url}
            onChange={() => undefined}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CheckboxField
            label='Show only "Busy" (no customer names or services)'
            checked={feed.data.busyOnly}
            onChange={(checked) => busyOnly.mutate(checked)}
          />
          <div className="button-group">
            <button type="button" className="button" onClick={() => void copy(feed.data.url)}>
              {copied ? 'Copied' : 'Copy feed URL'}
            </button>
            <button
              type="button"
              className="button"
              disabled={regenerate.isPending}
              onClick={() => regenerate.mutate(undefined, { onSuccess: () => setCopied(false) })}
            >
              Regenerate feed URL
            </button>
          </div>
        </>
      )}
    </section>
  );
}
