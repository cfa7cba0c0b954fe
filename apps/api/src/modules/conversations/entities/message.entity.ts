import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WhatsAppTemplate } from '../../channels/messaging-channel';
import type { Channel, ChatLink, ChatOption, DeliveryStatus, MessageAuthor, MessageDirection } from '@frontdesk/contracts';

/** A message in or out; a `pending` outbound row is the transactional outbox's work item. */
@Entity('messages')
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'conversation_id' }) conversationId!: string;
  @Column('text') direction!: MessageDirection;
  @Column('text') author!: MessageAuthor;
  @Column('text') channel!: Channel;
  @Column('text') body!: string;
  @Column('jsonb', { nullable: true }) options!: ChatOption[] | null;
  /** A link the channel may show as a button (WhatsApp's URL button). */
  @Column('jsonb', { nullable: true }) link!: ChatLink | null;
  /** A WhatsApp template to send instead of `body` (outside the 24-hour customer-service window). */
  @Column('jsonb', { nullable: true }) template!: WhatsAppTemplate | null;
  @Column('text', { name: 'provider_message_id', nullable: true }) providerMessageId!: string | null;
  @Column('text') status!: DeliveryStatus;
  @Column('int') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt!: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  /** The outbox sender's claim (see `Db.claimOutbox`): its id, and when it lapses. */
  @Column('uuid', { name: 'lease_id', nullable: true }) leaseId!: string | null;
  @Column('timestamptz', { name: 'leased_until', nullable: true }) leasedUntil!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
