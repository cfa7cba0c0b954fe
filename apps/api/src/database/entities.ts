import { AuditEntryEntity, PlatformAuditEntryEntity } from '../modules/audit/entities/audit-entry.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';
import { BookingEntity } from '../modules/bookings/entities/booking.entity';
import { OverrideEntity } from '../modules/catalog/entities/override.entity';
import { ServiceEntity } from '../modules/catalog/entities/service.entity';
import { StaffEntity, StaffServiceEntity } from '../modules/catalog/entities/staff.entity';
import { ConversationEntity } from '../modules/conversations/entities/conversation.entity';
import { MessageEntity } from '../modules/conversations/entities/message.entity';
import { CustomerEntity } from '../modules/customers/entities/customer.entity';
import { TenantEntity } from '../modules/tenants/entities/tenant.entity';

export const entities = [
  TenantEntity,
  UserEntity,
  ServiceEntity,
  StaffEntity,
  StaffServiceEntity,
  OverrideEntity,
  CustomerEntity,
  AuditEntryEntity,
  PlatformAuditEntryEntity,
  BookingEntity,
  ConversationEntity,
  MessageEntity,
];
