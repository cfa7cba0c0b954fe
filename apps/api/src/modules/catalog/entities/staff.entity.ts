import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WeeklyHours } from '@frontdesk/contracts';

@Entity('staff')
export class StaffEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
  @Column('text') name!: string;
  @Column('boolean', { name: 'performs_all_services' }) performsAllServices!: boolean;
  @Column('jsonb', { nullable: true }) hours!: WeeklyHours | null;
  @Column('boolean') active!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Which services a staff member performs, when not all of them. */
@Entity('staff_services')
export class StaffServiceEntity {
  @Column('uuid', { name: 'tenant_id', primary: true }) tenantId!: string;
  @Column('uuid', { name: 'staff_id', primary: true }) staffId!: string;
  @Column('uuid', { name: 'service_id', primary: true }) serviceId!: string;
}
