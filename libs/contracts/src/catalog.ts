/** Request/response shapes of the public v1 contract (see shared/spec/api-v1.md). */
import type { DepositRule } from './deposits';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A time of day, `HH:MM` 24h, local to the tenant. */
export type LocalTime = string;
/** A calendar date, `YYYY-MM-DD`, local to the tenant. */
export type LocalDate = string;

export interface TimeInterval {
  start: LocalTime;
  end: LocalTime;
}

export type WeeklyHours = Record<Weekday, TimeInterval[]>;

export type Role = 'super_admin' | 'owner' | 'staff';
export type Locale = 'en' | 'es';
export type TenantStatus = 'active' | 'suspended';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  country: string;
  locale: Locale;
  status: TenantStatus;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
}

export interface LoginResponse {
  accessToken: string;
  user: User;
}

export interface Service {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  aliases: string[];
  active: boolean;
  /** The service's own deposit rule; null: the tenant's default rule. */
  deposit: DepositRule | null;
}

export interface Staff {
  id: string;
  name: string;
  /** null: performs every service. */
  serviceIds: string[] | null;
  /** null: works the business hours. */
  hours: WeeklyHours | null;
  active: boolean;
}

export type OverrideKind = 'closed' | 'open';

export interface Override {
  id: string;
  date: LocalDate;
  kind: OverrideKind;
  start: LocalTime | null;
  end: LocalTime | null;
  /** null: the whole business. */
  staffId: string | null;
  note: string | null;
}

export interface BookingPolicy {
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  slotIntervalMinutes: number;
  sameDayCutoff: LocalTime | null;
  cancellationNoticeHours: number;
}

export const DEFAULT_BOOKING_POLICY: BookingPolicy = {
  minNoticeMinutes: 120,
  maxAdvanceDays: 30,
  slotIntervalMinutes: 15,
  sameDayCutoff: null,
  cancellationNoticeHours: 24,
};

export interface ChannelSettings {
  smsNumber: string | null;
  whatsappPhoneNumberId: string | null;
}

export interface ListResponse<T> {
  items: T[];
}

/** `POST /api/v1/overrides`. */
export interface CreateOverrideRequest {
  date: LocalDate;
  kind: OverrideKind;
  start?: LocalTime | null;
  end?: LocalTime | null;
  /** null or absent: the whole business. */
  staffId?: string | null;
  note?: string | null;
}

/** `POST /api/v1/admin/tenants`: the business and its owner. */
export interface CreateTenantRequest {
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  country: string;
  locale: Locale;
  owner: { email: string; name: string; password: string };
}
