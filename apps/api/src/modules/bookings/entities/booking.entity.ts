import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BookingSource, BookingStatus, PaymentStatus, RiskTier } from '@frontdesk/contracts';

/** The version of a booking just created (the column's default). */
export const FIRST_BOOKING_VERSION = 1;

@Entity('bookings')
export class BookingEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'service_id' }) serviceId!: string;
  @Column('uuid', { name: 'staff_id' }) staffId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  @Column('text') status!: BookingStatus;
  @Column('timestamptz', { name: 'start_at' }) startAt!: Date;
  @Column('timestamptz', { name: 'end_at' }) endAt!: Date;
  /** `[start − bufferBefore, end + bufferAfter)`, as Postgres range text; the exclusion constraint reads it. */
  @Column('tstzrange') blocked!: string;
  @Column('text') source!: BookingSource;
  @Column('int', { name: 'deposit_cents' }) depositCents!: number;
  @Column('text', { name: 'payment_status' }) paymentStatus!: PaymentStatus;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('text', { name: 'deposit_reasons', array: true, default: () => "'{}'" }) depositReasons!: string[];
  /** The name and email typed on a public booking (the customer's record is left as it was). */
  @Column('text', { name: 'customer_name', nullable: true }) customerName!: string | null;
  @Column('text', { name: 'customer_email', nullable: true }) customerEmail!: string | null;
  @Column('timestamptz', { name: 'hold_expires_at', nullable: true }) holdExpiresAt!: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
  /** When the customer confirmed they are coming (a reply to a reminder). */
  @Column('timestamptz', { name: 'customer_confirmed_at', nullable: true }) customerConfirmedAt!: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  /** Cancelled inside the business's cancellation notice (counts against the customer). */
  @Column('boolean', { name: 'late_cancel', default: false }) lateCancel!: boolean;
  @Column('real', { name: 'risk_score', default: 0.1 }) riskScore!: number;
  @Column('text', { name: 'risk_tier', default: 'medium' }) riskTier!: RiskTier;
  @Column('text', { name: 'risk_reasons', array: true, default: () => "'{}'" }) riskReasons!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  /**
   * How many times the booking was written: `FIRST_BOOKING_VERSION` when created, plus one on
   * every update (a database trigger adds it, so the app never writes it). Manage links name it.
   */
  @Column({ type: 'int', insert: false, update: false, default: FIRST_BOOKING_VERSION }) version!: number;
}

/** Postgres range literal for a blocked range, half-open as the exclusion constraint expects. */
export const blockedRangeLiteral = (start: Date, end: Date) => `[${start.toISOString()},${end.toISOString()})`;
