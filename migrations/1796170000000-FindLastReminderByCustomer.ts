import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reading a conversation cost more the longer its history: its last reminder was found by
 * walking every message of the conversation and probing `reminders` for each (a customer of a
 * few years has thousands), and whether a later message went out by walking those after it.
 * Now the reminder is found from the customer's own reminders (`reminders_customer`, a few per
 * booking), and the later message by one probe of an index of the conversation's outbound
 * messages in order. `customer_conversation` is otherwise as `EnterConversationInOneStatement`
 * wrote it (`down` restores that).
 */
const customerConversation = (lastReminderWhere: string) => `
  CREATE OR REPLACE FUNCTION customer_conversation(phone text, now timestamptz, statuses text[],
                                      inbound_channel text, inbound_body text, inbound_provider_id text)
    RETURNS json LANGUAGE sql VOLATILE AS $$
      WITH inbound AS (
        INSERT INTO messages (tenant_id, conversation_id, direction, author, channel, body, provider_message_id, status)
        SELECT cv.tenant_id, cv.id, 'inbound', 'customer', inbound_channel, inbound_body, inbound_provider_id, 'received'
          FROM conversations cv JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
         WHERE c.phone = customer_conversation.phone AND inbound_channel IS NOT NULL
        ON CONFLICT DO NOTHING
        RETURNING id)
      SELECT json_build_object(
               'tenantId', cv.tenant_id, 'customerId', c.id, 'phone', c.phone, 'name', c.name, 'language', c.language,
               'optedOut', c.opted_out, 'id', cv.id, 'memory', cv.memory, 'bookingId', cv.booking_id,
               'flaggedForStaff', cv.flagged_for_staff, 'botPaused', cv.bot_paused, 'version', cv.version,
               'updatedAt', cv.updated_at,
               'upcoming', upcoming_bookings(c.id, now, statuses),
               'lastReminder', (
                 SELECT json_build_object(
                          'bookingId', r.booking_id,
                          'awaitingReply', NOT EXISTS (
                            SELECT 1 FROM messages later
                             WHERE later.tenant_id = msg.tenant_id AND later.conversation_id = msg.conversation_id
                               AND later.direction = 'outbound' AND later.seq > msg.seq))
                   FROM reminders r
                   JOIN messages msg ON msg.tenant_id = r.tenant_id AND msg.id = r.message_id
                  ${lastReminderWhere}
                  ORDER BY msg.seq DESC
                  LIMIT 1),
               'recorded', EXISTS (SELECT 1 FROM inbound))
        FROM conversations cv JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
       WHERE c.phone = customer_conversation.phone
  $$;`;

const BY_CUSTOMER = `WHERE r.tenant_id = c.tenant_id AND r.customer_id = c.id AND r.status IN ('sent', 'delivered')
                    AND msg.conversation_id = cv.id AND msg.status <> 'failed'`;
const BY_CONVERSATION = `WHERE msg.conversation_id = cv.id AND r.status IN ('sent', 'delivered') AND msg.status <> 'failed'`;

export class FindLastReminderByCustomer1796170000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(customerConversation(BY_CUSTOMER));
    await q.query(
      `CREATE INDEX messages_conversation_outbound ON messages (tenant_id, conversation_id, seq) WHERE direction = 'outbound'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX messages_conversation_outbound');
    await q.query(customerConversation(BY_CONVERSATION));
  }
}
