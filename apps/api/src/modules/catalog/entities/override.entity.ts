import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OverrideKind } from '@frontdesk/contracts';

@Entity('overrides')
export class OverrideEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  /** Local date in the tenant's zone, `YYYY-MM-DD`. */
  @Column('date') date!: string;
  @Column('text') kind!: OverrideKind;
  @Column('time', { name: 'start_time', nullable: true }) startTime!: string | null;
  @Column('time', { name: 'end_time', nullable: true }) endTime!: string | null;
  @Column('uuid', { name: 'staff_id', nullable: true }) staffId!: string | null;
  @Column('text', { nullable: true }) note!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
