import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import type { ChatOption, ReminderSettings } from '@frontdesk/contracts';
import { decideReminderDelivery, reminderButtons, reminderDateTime, reminderText } from '@frontdesk/policies';
import { type ClaimedReminder, Db } from '../../common/db/db.service';
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
  conversationId: string | null;
  language: string;
  lastWhatsAppInboundAt: Date | null;
}

const DUE_SELECT = `
  select r.id, r.tenant_id as "tenantId", b.status as "bookingStatus", b.start_at as "startAt", r.planned_start as "plannedStart",
         c.id as "customerId", coalesce(b.customer_name, c.name) as "customerName", c.opted_out as "optedOut",
         s.name as "serviceName", t.name as business, t.timezone, t.status as "tenantStatus", t.sms_number as "smsNumber",
         t.whatsapp_phone_number_id as "whatsappPhoneNumberId", t.reminder_settings as settings,
         cv.id as "conversationId", coalesce(cv.memory->>'language', c.language, t.locale) as language,
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
 * reminders (`claim_due_reminders`: FOR UPDATE SKIP LOCKED, so concurrent dispatchers take
 * different rows) and, in that same transaction, writes each one's message to the outbox and
 * marks it sent, or ends it skipped, failed or cancelled with the reason. A crash before the
 * commit leaves the rows due and unwritten; after it, they are done. Either way a reminder is
 * handed to the outbox exactly once, and never retried by this worker; the outbox delivers it.
 */
@Injectable()
export class ReminderDispatcher {
  private readonly logger = new Logger(ReminderDispatcher.name);
  private running = false;

  constructor(private readonly db: Db) {}

  @Interval(REMINDER_INTERVAL_NAME, REMINDER_INTERVAL_MS)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.dispatchDue();
    } catch (error) {
      this.logger.error(`Reminder run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /** Hands every reminder due at `now` to the outbox (or ends it); returns how many were handled. */
  async dispatchDue(now: Date = new Date()): Promise<number> {
    let handled = 0;
    while (handled < RUN_LIMIT) {
      const claimed = await this.db.withDueReminders(now, CLAIM_BATCH, async (rows, m, actAs) => {
        for (const [tenantId, ids] of byTenant(rows)) {
          await actAs(tenantId);
          const due = await m.query<DueRow[]>(DUE_SELECT, [ids]);
          for (const row of due) await this.handle(m, row, now);
        }
        return rows.length;
      });
      if (claimed === 0) break;
      handled += claimed;
    }
    return handled;
  }

  private async handle(m: EntityManager, row: DueRow, now: Date): Promise<void> {
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
      await m.query(`update reminders set status = $2, reason = $3, updated_at = now() where id = $1`, [
        row.id,
        status,
        decision.reason,
      ]);
      this.logger.log(`Reminder ${row.id} ${status}: ${decision.reason}`);
      return;
    }
    const language = row.language === 'es' ? 'es' : 'en';
    const text = reminderText({
      language,
      business: row.business,
      service: row.serviceName,
      start: row.startAt,
      timezone: row.timezone,
    });
    let options: ChatOption[] | null = null;
    let template: WhatsAppTemplate | null = null;
    if (decision.channel === 'whatsapp' && decision.window === 'open') options = reminderButtons(language);
    if (decision.channel === 'whatsapp' && decision.window === 'closed') {
      const { date, time } = reminderDateTime({ language, start: row.startAt, timezone: row.timezone });
      template = {
        name: reminderSettingsOf(row.settings).whatsappTemplate,
        language,
        bodyParameters: [row.customerName ?? '', row.serviceName, date, time, row.business],
      };
    }
    const conversationId = row.conversationId ?? (await this.openConversation(m, row, decision.channel));
    const [message] = await m.query<{ id: string }[]>(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, options, template, status, next_attempt_at)
       values ($1, $2, 'outbound', 'bot', $3, $4, $5, $6, 'pending', $7) returning id`,
      [
        row.tenantId,
        conversationId,
        decision.channel,
        text,
        options && JSON.stringify(options),
        template && JSON.stringify(template),
        now,
      ],
    );
    await m.query(`update conversations set last_message_at = $2, last_message_preview = $3, updated_at = now() where id = $1`, [
      conversationId,
      now,
      text.slice(0, 200),
    ]);
    await m.query(
      `update reminders set status = 'sent', channel = $2, message_id = $3, sent_at = $4, reason = null, updated_at = now() where id = $1`,
      [row.id, decision.channel, message.id, now],
    );
  }

  /** A customer with no conversation yet (booked by staff or on the web) gets one on the reminder's channel. */
  private async openConversation(m: EntityManager, row: DueRow, channel: 'sms' | 'whatsapp'): Promise<string> {
    const [opened] = await m.query<{ id: string }[]>(
      `insert into conversations (tenant_id, customer_id, channel) values ($1, $2, $3)
       on conflict (tenant_id, customer_id) do update set updated_at = now() returning id`,
      [row.tenantId, row.customerId, channel],
    );
    return opened.id;
  }
}

/** The claimed ids by tenant, tenants in one order for every dispatcher (see `DUE_SELECT`). */
function byTenant(rows: ClaimedReminder[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.tenantId, [...(groups.get(row.tenantId) ?? []), row.id]);
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
