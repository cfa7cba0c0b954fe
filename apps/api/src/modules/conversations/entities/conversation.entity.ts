import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Channel, ChatState } from '@frontdesk/contracts';
import type { Memory } from '@frontdesk/conversation';

@Entity('conversations')
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('uuid', { name: 'customer_id' }) customerId!: string;
  /** The channel the customer wrote on last; replies from staff go out on it. */
  @Column('text') channel!: Channel;
  @Column('text') state!: ChatState;
  @Column('text', { nullable: true }) awaiting!: string | null;
  /** The conversation engine's memory between messages. */
  @Column('jsonb') memory!: Memory | Record<string, never>;
  @Column('uuid', { name: 'booking_id', nullable: true }) bookingId!: string | null;
  @Column('boolean', { name: 'flagged_for_staff' }) flaggedForStaff!: boolean;
  @Column('boolean', { name: 'bot_paused' }) botPaused!: boolean;
  @Column('timestamptz', { name: 'last_message_at', nullable: true }) lastMessageAt!: Date | null;
  @Column('text', { name: 'last_message_preview', nullable: true }) lastMessagePreview!: string | null;
  /** Raised by every message handled: what a message read before its transaction checks under the lock. */
  @Column('int') version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
