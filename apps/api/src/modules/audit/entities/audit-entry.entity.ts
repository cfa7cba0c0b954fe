import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what: the columns of both audit tables. */
abstract class AuditRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('text', { name: 'actor_role', nullable: true }) actorRole!: string | null;
  @Column('text') action!: string;
  @Column('text') entity!: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('jsonb', { nullable: true }) before!: object | null;
  @Column('jsonb', { nullable: true }) after!: object | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A change to one tenant's data (keyed by `(tenant_id, id)` in the database). */
@Entity('audit_log')
export class AuditEntryEntity extends AuditRecord {
  @Column('uuid', { name: 'tenant_id' }) tenantId!: string;
}

/** A change outside any tenant (a super-admin's account): no tenant owns it. */
@Entity('platform_audit_log')
export class PlatformAuditEntryEntity extends AuditRecord {}
