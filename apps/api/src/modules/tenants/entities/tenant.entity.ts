import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DepositSettings, Locale, ReminderSettings, TenantStatus, WeeklyHours } from '@frontdesk/contracts';

@Entity('tenants')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') name!: string;
  @Column('text') timezone!: string;
  @Column('text') currency!: string;
  @Column('text') country!: string;
  @Column('text') locale!: Locale;
  @Column('text') status!: TenantStatus;
  @Column('jsonb', { name: 'business_hours' }) businessHours!: WeeklyHours;
  @Column('int', { name: 'min_notice_minutes' }) minNoticeMinutes!: number;
  @Column('int', { name: 'max_advance_days' }) maxAdvanceDays!: number;
  @Column('int', { name: 'slot_interval_minutes' }) slotIntervalMinutes!: number;
  @Column('time', { name: 'same_day_cutoff', nullable: true }) sameDayCutoff!: string | null;
  @Column('int', { name: 'cancellation_notice_hours' }) cancellationNoticeHours!: number;
  @Column('text', { name: 'sms_number', nullable: true }) smsNumber!: string | null;
  @Column('text', { name: 'whatsapp_phone_number_id', nullable: true }) whatsappPhoneNumberId!: string | null;
  /** Null: the defaults (DEFAULT_DEPOSIT_SETTINGS). */
  @Column('jsonb', { name: 'deposit_settings', nullable: true }) depositSettings!: DepositSettings | null;
  @Column('text', { name: 'stripe_account_id', nullable: true }) stripeAccountId!: string | null;
  @Column('boolean', { name: 'stripe_charges_enabled' }) stripeChargesEnabled!: boolean;
  /** Null: the defaults (`DEFAULT_REMINDER_SETTINGS`). */
  @Column('jsonb', { name: 'reminder_settings', nullable: true }) reminderSettings!: ReminderSettings | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
