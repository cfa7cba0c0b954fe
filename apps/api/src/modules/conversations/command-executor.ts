import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking, Channel } from '@frontdesk/contracts';
import type { Command, Input, Memory } from '@frontdesk/conversation';
import { AuditService } from '../audit/audit.service';
import { BookingRefused, isSlotLost, type RefusalReason } from '../bookings/booking-errors';
import { BookingChanges } from '../bookings/booking-changes.service';
import { BookingsService } from '../bookings/bookings.service';
import type { ReadBefore } from '../bookings/schedule.repository';
import { CustomerEntity } from '../customers/entities/customer.entity';
import { RemindersService } from '../reminders/reminders.service';
import { ReminderRepliesRepository } from './reminder-replies.repository';

/** Who a step's commands act for: a phone's conversation, or a web chat session. */
export interface CommandTarget {
  tenantId: string;
  /** The conversation's (or web chat's) id, for the audit log. */
  id: string;
  /** What the audit log calls it, when not a conversation. */
  entity?: 'web_chat';
  /** The phone bookings go under unless a hold names a contact; null for a web visitor not yet verified. */
  phone: string | null;
  /** The customer's record, once the phone is known to be theirs. */
  customerId: string | null;
  optedOut: boolean;
  flaggedForStaff: boolean;
  botPaused: boolean;
}

/** Carries out the commands only a web chat session has (sending and checking a code). */
export type IdentityCommands = (command: Extract<Command, { type: 'send_code' | 'verify' }>) => void;

/** Commands that write bookings: each may be refused for a reason the engine explains. */
type BookingCommand = Extract<Command, { type: 'hold' | 'release' | 'confirm' | 'cancel' | 'reschedule' | 'abandon_payment' }>;
const BOOKING_COMMANDS = new Set<Command['type']>(['hold', 'release', 'confirm', 'cancel', 'reschedule', 'abandon_payment']);
const isBookingCommand = (command: Command): command is BookingCommand => BOOKING_COMMANDS.has(command.type);

/** What the commands left for after the transaction (Stripe is never called inside it). */
export interface CommandEffects {
  /** A booking that came out waiting for its deposit: its Checkout page is opened after commit. */
  awaitingPayment?: { bookingId: string };
  /** A booking whose deposit the customer gave up: its Checkout Session is ended after commit. */
  abandonedPayment?: { bookingId: string };
}

export interface CommandFailure {
  command: Command;
  reason: RefusalReason;
}

/** Carries out a conversation step's commands inside the message's transaction. */
@Injectable()
export class CommandExecutor {
  private readonly logger = new Logger(CommandExecutor.name);

  constructor(
    private readonly bookings: BookingsService,
    private readonly changes: BookingChanges,
    private readonly audit: AuditService,
    private readonly reminders: RemindersService,
    private readonly reminderReplies: ReminderRepliesRepository,
  ) {}

  /**
   * Runs the commands in order. A booking command runs in a savepoint, so one that is refused
   * (taken slot, too late, no longer active) is undone alone, the commands before it kept, and
   * reported; the caller steps the engine again with the failure. `memory` learns the id of a
   * booking held. `read`: the catalog and the schedule the step was decided on, re-checked by
   * booking writes without reading them again (the schedule until a booking command has changed
   * it).
   */
  async execute(
    m: EntityManager,
    conversation: CommandTarget,
    channel: Channel,
    memory: Memory,
    commands: Command[],
    read: ReadBefore,
    identity?: IdentityCommands,
    effects: CommandEffects = {},
  ): Promise<CommandFailure | undefined> {
    // The customer's record as a command of this step wrote it: a hold under their phone books
    // with it instead of writing the record again.
    let written: Booking['customer'] | undefined;
    for (const command of commands) {
      if (command.type === 'send_code' || command.type === 'verify') {
        if (!identity) throw new Error(`${command.type} outside a web chat session`);
        identity(command);
        continue;
      }
      if (!isBookingCommand(command)) {
        written = (await this.plainWrite(m, conversation, command)) ?? written;
        continue;
      }
      // Not released after: COMMIT keeps what it holds, and a later command's savepoint of the
      // same name is the one a ROLLBACK TO names (one round trip less per booking command).
      await m.query('SAVEPOINT engine_command');
      try {
        await this.runBookingCommand(m, conversation, channel, memory, command, read, effects, written);
        read = { catalog: read.catalog };
      } catch (error) {
        const reason = refusalOf(error);
        if (!reason) throw error;
        await m.query('ROLLBACK TO SAVEPOINT engine_command');
        return { command, reason };
      }
    }
    return undefined;
  }

  /**
   * What a step's commands left for after its transaction committed (Stripe is never called
   * inside it): the Checkout page of a booking now waiting for its deposit is opened, and the
   * session of one given up is ended. Answers the engine's next input: the payment to ask for,
   * or the confirmation refused when Stripe failed (the booking has let its slot go, see
   * `BookingsService.openPayment`); nothing when there is nothing to tell.
   */
  async afterCommit(tenantId: string, effects: CommandEffects): Promise<Input | undefined> {
    if (effects.abandonedPayment) await this.bookings.closePayment(tenantId, effects.abandonedPayment.bookingId);
    if (!effects.awaitingPayment) return undefined;
    const { bookingId } = effects.awaitingPayment;
    const unavailable: Input = { kind: 'command_failed', command: { type: 'confirm', bookingId }, reason: 'payment_unavailable' };
    try {
      const booking = await this.bookings.openPayment(tenantId, bookingId);
      if (booking.status !== 'pending_payment' || !booking.paymentUrl || !booking.paymentExpiresAt) return unavailable;
      const { serviceId, start, depositCents, paymentUrl, paymentExpiresAt } = booking;
      return { kind: 'payment_required', payment: { bookingId, serviceId, start, depositCents, paymentUrl, paymentExpiresAt } };
    } catch (error) {
      this.logger.warn(`Checkout for booking ${bookingId} not opened: ${error instanceof Error ? error.message : String(error)}`);
      return unavailable;
    }
  }

  /** Carries out a command that writes no booking; answers the customer's record when it wrote it. */
  private async plainWrite(
    m: EntityManager,
    conversation: CommandTarget,
    command: Exclude<Command, BookingCommand | { type: 'send_code' | 'verify' }>,
  ): Promise<Booking['customer'] | undefined> {
    switch (command.type) {
      case 'update_customer': {
        const customerId = knownCustomer(conversation, command);
        const changes = {
          ...(command.name !== undefined && { name: command.name }),
          ...(command.email !== undefined && { email: command.email.toLowerCase() }),
          ...(command.language !== undefined && { language: command.language }),
        };
        if (Object.keys(changes).length === 0) return undefined;
        const updated = await m
          .createQueryBuilder()
          .update(CustomerEntity)
          .set(changes)
          .where('id = :customerId', { customerId })
          .returning('id, name, phone, email')
          .execute();
        const [customer] = updated.raw as Booking['customer'][];
        return customer;
      }
      case 'flag_for_staff':
        conversation.flaggedForStaff = true;
        if (command.pauseBot) conversation.botPaused = true;
        await this.audit.record(m, {
          tenantId: conversation.tenantId,
          action: 'conversation.flag',
          entity: conversation.entity ?? 'conversation',
          entityId: conversation.id,
          after: { reason: command.reason, botPaused: conversation.botPaused },
        });
        return;
      case 'confirm_attendance':
        knownCustomer(conversation, command);
        // A booking cancelled or moved meanwhile is simply not marked: the reply was about it as it was.
        if (await this.reminderReplies.confirmAttendance(m, command.bookingId)) {
          await this.audit.record(m, {
            tenantId: conversation.tenantId,
            action: 'booking.customer_confirm',
            entity: 'booking',
            entityId: command.bookingId,
            after: { via: conversation.entity ?? 'conversation', conversationId: conversation.id },
          });
        }
        return;
      case 'opt_out':
      case 'opt_in':
        conversation.optedOut = command.type === 'opt_out';
        await m.update(CustomerEntity, { id: knownCustomer(conversation, command) }, { optedOut: conversation.optedOut });
        if (conversation.optedOut) await this.reminders.dropForCustomer(m, knownCustomer(conversation, command));
        return;
      default:
        return assertNever(command);
    }
  }

  private async runBookingCommand(
    m: EntityManager,
    conversation: CommandTarget,
    channel: Channel,
    memory: Memory,
    command: BookingCommand,
    read: ReadBefore,
    effects: CommandEffects,
    written: Booking['customer'] | undefined,
  ): Promise<void> {
    const { tenantId } = conversation;
    switch (command.type) {
      case 'hold': {
        // Under the conversation's own phone, the record this step wrote is the one booked for.
        const customer = command.contact ? undefined : written;
        const held = await this.bookings.createIn(
          m,
          tenantId,
          {
            serviceId: command.serviceId,
            staffId: command.staffId,
            start: new Date(command.start),
            customer: command.contact ?? { phone: knownPhone(conversation, command) },
            source: channel === 'web' ? 'chat' : channel,
          },
          { hold: true, read, customer },
        );
        memory.bookingId = held.id;
        return;
      }
      case 'release':
        await this.bookings.releaseHoldIn(m, tenantId, command.bookingId);
        return;
      case 'confirm': {
        const booking = await this.bookings.confirmHoldIn(m, tenantId, command.bookingId, read);
        if (booking.status === 'pending_payment') effects.awaitingPayment = { bookingId: booking.id };
        return;
      }
      case 'abandon_payment':
        await this.bookings.releaseHoldIn(m, tenantId, command.bookingId);
        effects.abandonedPayment = { bookingId: command.bookingId };
        return;
      case 'cancel':
        knownCustomer(conversation, command);
        await this.bookings.customerCancelIn(m, tenantId, command.bookingId, read);
        return;
      case 'reschedule':
        knownCustomer(conversation, command);
        await this.changes.customerChangeIn(
          m,
          tenantId,
          command.bookingId,
          { start: new Date(command.start), staffId: command.staffId, serviceId: command.serviceId },
          read,
        );
        return;
      default:
        return assertNever(command);
    }
  }
}

/** A deadlock or serialisation failure with another writer is a race for the slot, lost. */
function refusalOf(error: unknown): RefusalReason | undefined {
  if (isSlotLost(error)) return 'slot_unavailable';
  return error instanceof BookingRefused ? error.reason : undefined;
}

/**
 * The customer's record, for a command about it or their bookings. The engine never issues one
 * for a web visitor who has not verified their phone; should it ever, nothing is written.
 */
function knownCustomer(target: CommandTarget, command: Command): string {
  if (!target.customerId) throw new Error(`${command.type} for a customer whose phone is not verified`);
  return target.customerId;
}

function knownPhone(target: CommandTarget, command: Command): string {
  if (!target.phone) throw new Error(`${command.type} without a phone to book under`);
  return target.phone;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled command: ${JSON.stringify(value)}`);
}
