import type { DepositRule } from '@frontdesk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('services')
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') name!: string;
  @Column('int', { name: 'duration_minutes' }) durationMinutes!: number;
  @Column('int', { name: 'price_cents' }) priceCents!: number;
  @Column('int', { name: 'buffer_before_minutes' }) bufferBeforeMinutes!: number;
  @Column('int', { name: 'buffer_after_minutes' }) bufferAfterMinutes!: number;
  @Column('text', { array: true }) aliases!: string[];
  @Column('boolean') active!: boolean;
  /** Null: the tenant's default rule. */
  @Column('jsonb', { nullable: true }) deposit!: DepositRule | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
