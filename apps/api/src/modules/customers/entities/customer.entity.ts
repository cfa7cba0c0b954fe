import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale } from '@frontdesk/contracts';

@Entity('customers')
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  /** E.164, normalised with the tenant's country as the default region. */
  @Column('text') phone!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) language!: Locale | null;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('int', { name: 'visit_count' }) visitCount!: number;
  @Column('int', { name: 'cancellation_count' }) cancellationCount!: number;
  @Column('int', { name: 'no_show_count' }) noShowCount!: number;
  @Column('int', { name: 'late_cancel_count' }) lateCancelCount!: number;
  @Column('boolean', { name: 'opted_out' }) optedOut!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
