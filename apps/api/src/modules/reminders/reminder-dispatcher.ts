import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Interval } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import type { ChatOption, ReminderSettings } from '@frontdesk/contracts';
import { decideReminderDelivery, reminderButtons, reminderDateTime, reminderText } from '@frontdesk/policies';
import { Clock } from '../../common/clock';
import { type ClaimedReminder, Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { Metrics } from '../metrics/metrics.service';
import type { WhatsAppTemplate } from '../channels/messaging-channel';
import { reminderSettingsOf } from './reminder-settings.service';

export const REMINDER_INTERVAL_NAME = 'reminders';
export const REMINDER_INTERVAL_MS = 1_000;
/** Reminders claimed (and locked) by one transaction. */
const CLAIM_BATCH = 100;
/** Reminders one run handles at most; the next run takes the rest. */
const RUN_LIMIT = 2_000;

/** What sending one due reminder needs, read as its tenant. */
interface DueRow {
  id: string;
  tenantId: string;
  bookingStatus: string;
  startAt: Date;
  plannedStart: Date;
  customerId: string;
  customerName: string | null;
  optedOut: boolean;
  serviceName: string;
  business: string;
  timezone: string;
  tenantStatus: string;
  smsNumber: string | null;
  whatsappPhoneNumberId: string | null;
  settings: ReminderSettings | null;
  language: string;
  lastWhatsAppInboundAt: Date | null;
}

const DUE_SELECT = `
  select r.id, r.tenant_id as "tenantId", b.status as "bookingStatus", b.start_at as "startAt", r.planned_start as "plannedStart",
         c.id as "customerId", coalesce(b.customer_name, c.name) as "customerName", c.opted_out as "optedOut",
         s.name as "serviceName", t.name as business, t.timezone, t.status as "tenantStatus", t.sms_number as "smsNumber",
         t.whatsapp_phone_number_id as "whatsappPhoneNumberId", t.reminder_settings as settings,
         coalesce(cv.memory->>'language', c.language, t.locale) as language,
         (select max(mi.created_at) from messages mi
           where mi.tenant_id = cv.tenant_id and mi.conversation_id = cv.id
             and mi.direction = 'inbound' and mi.channel = 'whatsapp') as "lastWhatsAppInboundAt"
    from reminders r
    join bookings b on b.tenant_id = r.tenant_id and b.id = r.booking_id
    join customers c on c.tenant_id = r.tenant_id and c.id = r.customer_id
    join services s on s.tenant_id = b.tenant_id and s.id = b.service_id
    join tenants t on t.id = r.tenant_id
    left join conversations cv on cv.tenant_id = r.tenant_id and cv.customer_id = c.id
   where r.id = any($1::uuid[])
   -- One lock order for every dispatcher (conversations are written per customer): no deadlocks between them.
   order by r.customer_id, r.due_at, r.id`;

/**
 * Sends due reminders, in every API process at once. A transaction claims a batch of due
 * reminders (`claim_due_reminders`: SKIP LOCKED, so concurrent dispatchers take different rows)
 * and, in that same transaction, writes each one's message to the outbox and marks it sent
 * (which marks its booking reminded, `bookings.reminded_at`, by a trigger), or ends it skipped,
 * failed or cancelled with the reason. The claim locks each reminder's booking with it: booking
 * changes lock the booking and then its reminders, so a dispatcher that locked a reminder first
 * and its booking later could deadlock with one; as it is, it holds every booking it marks before
 * writing anything, and skips a reminder whose booking a change holds (the next claim takes it). A crash before the
 * commit leaves the rows due and unwritten; after it, they are done. Either way a reminder is
 * handed to the outbox exactly once, and never retried by this worker; the outbox delivers it.
 */
@Injectable()
export class ReminderDispatcher {
  private readonly logger = new Logger(ReminderDispatcher.name);
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly lifecycle: Lifecycle,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {}

  @Interval(REMINDER_INTERVAL_NAME, REMINDER_INTERVAL_MS)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.lifecycle.runJob(() => this.dispatchDue().then(() => undefined));
    } catch (error) {
      this.logger.error(`Reminder run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /** Hands every reminder due at `now` to the outbox (or ends it); returns how many were handled. */
  async dispatchDue(now: Date = this.clock.now()): Promise<number> {
    let handled = 0;
    // A draining process claims no more batches; one cut off mid-transaction rolls back and stays due.
    while (handled < RUN_LIMIT && !this.lifecycle.draining) {
      const statuses = await this.db.withDueReminders(now, CLAIM_BATCH, async (rows, m, actAs) => {
        const all: string[] = [];
        for (const [tenantId, ids] of byTenant(rows)) {
          await actAs(tenantId);
          all.push(...(await this.handle(m, tenantId, await m.query<DueRow[]>(DUE_SELECT, [ids]), now)));
        }
        return all;
      });
      if (statuses.length === 0) break;
      // Counted once the batch committed: a rolled-back one stays due and is counted when handled.
      for (const status of statuses) this.metrics.reminderHandled(status);
      handled += statuses.length;
    }
    return handled;
  }

  /**
   * One tenant's claimed reminders, in a handful of statements whatever their number: the
   * ones that end here, then the conversations, messages and reminder rows of the ones sent.
   * Returns the status each reminder ended in.
   */
  private async handle(m: EntityManager, tenantId: string, due: DueRow[], now: Date): Promise<string[]> {
    const ended: { id: string; status: string; reason: string }[] = [];
    const sends: Send[] = [];
    for (const row of due) {
      const outcome = this.decide(row, now);
      if ('reason' in outcome) ended.push(outcome);
      else sends.push(outcome);
    }
    if (ended.length > 0) {
      await m.query(
        `update reminders r set status = e.status, reason = e.reason, updated_at = now()
           from jsonb_to_recordset($1::jsonb) as e(id uuid, status text, reason text) where r.id = e.id`,
        [JSON.stringify(ended)],
      );
      for (const e of ended) this.logger.log(`Reminder ${e.id} ${e.status}: ${e.reason}`);
    }
    const statuses = [...ended.map((e) => e.status), ...sends.map(() => 'sent')];
    if (sends.length === 0) return statuses;
    const conversations = await this.conversationsFor(m, tenantId, sends);
    const messages = sends.map((send, n) => ({
      n,
      id: randomUUID(),
      reminder_id: send.row.id,
      conversation_id: conversations.get(send.row.customerId)!,
      channel: send.channel,
      body: send.text,
      options: send.options,
      template: send.template,
    }));
    // Inserted in this order, so a customer's reminders keep their order in the outbox.
    await m.query(
      `insert into messages (id, tenant_id, conversation_id, direction, author, channel, body, options, template, status, next_attempt_at)
       select x.id, $1, x.conversation_id, 'outbound', 'bot', x.channel, x.body, x.options, x.template, 'pending', $3
         from jsonb_to_recordset($2::jsonb) as x(id uuid, conversation_id uuid, channel text, body text,
              options jsonb, template jsonb, n integer)
        order by x.n`,
      [tenantId, JSON.stringify(messages), now],
    );
    const previews = new Map(messages.map((msg) => [msg.conversation_id, msg.body.slice(0, 200)]));
    await m.query(
      `update conversations c set last_message_at = $2, last_message_preview = x.preview, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as x(id uuid, preview text) where c.id = x.id`,
      [JSON.stringify([...previews].map(([id, preview]) => ({ id, preview }))), now],
    );
    await m.query(
      `update reminders r set status = 'sent', channel = x.channel, message_id = x.id, sent_at = $2, reason = null, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as x(reminder_id uuid, channel text, id uuid) where r.id = x.reminder_id`,
      [JSON.stringify(messages), now],
    );
    return statuses;
  }

  private decide(row: DueRow, now: Date): Send | { id: string; status: string; reason: string } {
    const decision = decideReminderDelivery({
      now,
      bookingStatus: row.bookingStatus,
      start: row.startAt,
      plannedStart: row.plannedStart,
      tenantActive: row.tenantStatus === 'active',
      optedOut: row.optedOut,
      lastWhatsAppInboundAt: row.lastWhatsAppInboundAt,
      tenantHasWhatsApp: row.whatsappPhoneNumberId !== null,
      tenantHasSms: row.smsNumber !== null,
    });
    if (decision.action !== 'send') {
      const status = { cancel: 'cancelled', skip: 'skipped', fail: 'failed' }[decision.action];
      return { id: row.id, status, reason: decision.reason };
    }
    const language = row.language === 'es' ? 'es' : 'en';
    const text = reminderText({
      language,
      business: row.business,
      service: row.serviceName,
      start: row.startAt,
      timezone: row.timezone,
    });
    const send: Send = { row, channel: decision.channel, text, options: null, template: null };
    if (decision.channel === 'whatsapp' && decision.window === 'open') send.options = reminderButtons(language);
    if (decision.channel === 'whatsapp' && decision.window === 'closed') {
      const { date, time } = reminderDateTime({ language, start: row.startAt, timezone: row.timezone });
      send.template = {
        name: reminderSettingsOf(row.settings).whatsappTemplate,
        language,
        bodyParameters: [row.customerName ?? '', row.serviceName, date, time, row.business],
      };
    }
    return send;
  }

  /**
   * Each customer's conversation id; a customer with none yet (booked by staff or on the web)
   * gets one on the reminder's channel. Rows are locked in customer order, as every dispatcher
   * does, so two of them never wait on each other in a circle.
   */
  private async conversationsFor(m: EntityManager, tenantId: string, sends: Send[]): Promise<Map<string, string>> {
    const byCustomer = new Map<string, { customer_id: string; channel: string }>();
    for (const send of sends) byCustomer.set(send.row.customerId, { customer_id: send.row.customerId, channel: send.channel });
    const rows = await m.query<{ id: string; customerId: string }[]>(
      `insert into conversations (tenant_id, customer_id, channel)
       select $1, x.customer_id, x.channel from jsonb_to_recordset($2::jsonb) as x(customer_id uuid, channel text)
        order by x.customer_id
       on conflict (tenant_id, customer_id) do update set updated_at = now()
       returning id, customer_id as "customerId"`,
      [tenantId, JSON.stringify([...byCustomer.values()])],
    );
    return new Map(rows.map((r) => [r.customerId, r.id]));
  }
}

interface Send {
  row: DueRow;
  channel: 'sms' | 'whatsapp';
  text: string;
  options: ChatOption[] | null;
  template: WhatsAppTemplate | null;
}

/** The claimed ids by tenant, tenants in one order for every dispatcher (see `DUE_SELECT`). */
function byTenant(rows: ClaimedReminder[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.tenantId, [...(groups.get(row.tenantId) ?? []), row.id]);
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
