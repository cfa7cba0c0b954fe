import type { Locale } from './catalog';

/** What a booking page shows of a service. */
export interface PublicService {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
}

export interface PublicStaff {
  id: string;
  name: string;
  /** The services they perform; `null` = every service. */
  serviceIds: string[] | null;
}

/** `GET /api/v1/public/:slug`: an active business, its active services and staff (by name). */
export interface PublicProfile {
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  locale: Locale;
  services: PublicService[];
  staff: PublicStaff[];
}
