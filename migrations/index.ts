import { CreateFoundation1795320000000 } from './1795320000000-CreateFoundation';
import { CreateBookings1795324000000 } from './1795324000000-CreateBookings';
import { AddPublicTenantLookup1795327200000 } from './1795327200000-AddPublicTenantLookup';
import { CreateConversations1795330000000 } from './1795330000000-CreateConversations';
import { AddMessageSequence1795331000000 } from './1795331000000-AddMessageSequence';
import { HardenTenancy1795400000000 } from './1795400000000-HardenTenancy';
import { AddWebChats1795500000000 } from './1795500000000-AddWebChats';
import { AddBookingVersionAndIdempotencyKeys1795510000000 } from './1795510000000-AddBookingVersionAndIdempotencyKeys';
import { AddUserAccessCheck1795520000000 } from './1795520000000-AddUserAccessCheck';
import { CreatePayments1795600000000 } from './1795600000000-CreatePayments';
import { RecordStripeEventOutcome1795610000000 } from './1795610000000-RecordStripeEventOutcome';
import { AddRefundsDue1795620000000 } from './1795620000000-AddRefundsDue';
import { CreateReminders1795700000000 } from './1795700000000-CreateReminders';
import { TrackOutcomes1795800000000 } from './1795800000000-TrackOutcomes';
import { PrepareAnalytics1795820000000 } from './1795820000000-PrepareAnalytics';
import { AddMessageLink1795850000000 } from './1795850000000-AddMessageLink';
import { CreateCalendarSync1795900000000 } from './1795900000000-CreateCalendarSync';
import { CreateRateLimits1796000000000 } from './1796000000000-CreateRateLimits';
import { AddOutboxStats1796000001000 } from './1796000001000-AddOutboxStats';
import { ScopeMessageKeysByTenant1796050000000 } from './1796050000000-ScopeMessageKeysByTenant';
import { RescoreUnconfirmedBookings1796110000000 } from './1796110000000-RescoreUnconfirmedBookings';
import { BumpBookingVersionOnServiceChange1796120000000 } from './1796120000000-BumpBookingVersionOnServiceChange';
import { KeyTenantTablesByTenant1796130000000 } from './1796130000000-KeyTenantTablesByTenant';
import { RecogniseInboundMessagesOnce1796130001000 } from './1796130001000-RecogniseInboundMessagesOnce';
import { FindMessagesByTenantKey1796130002000 } from './1796130002000-FindMessagesByTenantKey';
import { MarkRemindedBookings1796140000000 } from './1796140000000-MarkRemindedBookings';
import { EnterConversationInOneStatement1796150000000 } from './1796150000000-EnterConversationInOneStatement';
import { CarryTenantSettingsInCatalog1796160000000 } from './1796160000000-CarryTenantSettingsInCatalog';
import { FindLastReminderByCustomer1796170000000 } from './1796170000000-FindLastReminderByCustomer';
import { VersionTheCatalog1796180000000 } from './1796180000000-VersionTheCatalog';

/** Every migration, in order. New migrations are appended here. */
export const migrations = [
  CreateFoundation1795320000000,
  CreateBookings1795324000000,
  AddPublicTenantLookup1795327200000,
  CreateConversations1795330000000,
  AddMessageSequence1795331000000,
  HardenTenancy1795400000000,
  AddWebChats1795500000000,
  AddBookingVersionAndIdempotencyKeys1795510000000,
  AddUserAccessCheck1795520000000,
  CreatePayments1795600000000,
  RecordStripeEventOutcome1795610000000,
  AddRefundsDue1795620000000,
  CreateReminders1795700000000,
  TrackOutcomes1795800000000,
  PrepareAnalytics1795820000000,
  AddMessageLink1795850000000,
  CreateCalendarSync1795900000000,
  CreateRateLimits1796000000000,
  AddOutboxStats1796000001000,
  ScopeMessageKeysByTenant1796050000000,
  RescoreUnconfirmedBookings1796110000000,
  BumpBookingVersionOnServiceChange1796120000000,
  KeyTenantTablesByTenant1796130000000,
  RecogniseInboundMessagesOnce1796130001000,
  FindMessagesByTenantKey1796130002000,
  MarkRemindedBookings1796140000000,
  EnterConversationInOneStatement1796150000000,
  CarryTenantSettingsInCatalog1796160000000,
  FindLastReminderByCustomer1796170000000,
  VersionTheCatalog1796180000000,
];
