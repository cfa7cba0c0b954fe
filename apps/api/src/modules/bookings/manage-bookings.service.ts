import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreatedCustomerBooking, CustomerBooking, ManageView } from '@frontdesk/contracts';
import { checkCustomerChange } from '@frontdesk/policies';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db/db.service';
import { businessNotFound } from '../public-profile/public-tenants.service';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import { TenantRow } from '../tenants/tenant-row';
import { BookingAlternatives } from './booking-alternatives.service';
import { appointmentStarted } from './booking-errors';
import { type BookingChange, BookingChanges, slotWanted } from './booking-changes.service';
import { BookingsRepository, customerBookingView } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { linkInvalid, linkOutdated, type ManageLink, ManageLinks } from './manage-links';

/**
 * What a customer does with the signed link every booking carries: view, cancel, reschedule
 * (a new time, a new service, or both).
 * A link names the booking's version: once the booking has changed, an older link still shows
 * it (read-only) but changes nothing (410 `link_expired`). A suspended business's links answer
 * as its other public endpoints do (404 `not_found`).
 */
@Injectable()
export class ManageBookingsService {
  constructor(
    private readonly db: Db,
    private readonly links: ManageLinks,
    private readonly bookings: BookingsService,
    private readonly changes: BookingChanges,
    private readonly slots: BookingAlternatives,
    private readonly repository: BookingsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The booking and its business. Through a link older than the booking's latest change, the
   * booking as it is now with `readOnly` set: a customer opening an old message sees where
   * things stand without being able to act on a state they have not seen.
   */
  async view(token: string): Promise<ManageView> {
    const link = this.links.verify(token);
    return this.db.asTenant(link.tenantId, async (m) => {
      const business = await activeBusiness(m, link.tenantId);
      const version = await this.repository.version(m, link.bookingId);
      const booking = await this.repository.find(m, link.bookingId);
      if (version === undefined || !booking) throw linkInvalid();
      const now = this.clock.now();
      if (new Date(booking.start).getTime() <= now.getTime()) throw appointmentStarted();
      const readOnly = version !== link.version;
      const verdict = checkCustomerChange({
        status: booking.status,
        start: new Date(booking.start),
        now,
        cancellationNoticeHours: business.cancellationNoticeHours,
      });
      return {
        booking: customerBookingView(booking),
        business: {
          name: business.name,
          slug: business.slug,
          timezone: business.timezone,
          currency: business.currency,
          locale: business.locale,
        },
        readOnly,
        canChange: !readOnly && verdict.ok,
        cancellationNoticeHours: business.cancellationNoticeHours,
      };
    });
  }

  async cancel(token: string): Promise<CustomerBooking> {
    const link = this.links.verify(token);
    const cancelled = await this.db.asTenant(link.tenantId, async (m) => {
      await this.assertCurrent(m, link);
      return this.bookings.customerCancelIn(m, link.tenantId, link.bookingId);
    });
    return customerBookingView(await this.bookings.afterCancel(link.tenantId, cancelled));
  }

  /**
   * Moves the booking, or changes its service (`BookingChanges`); the answer carries the link for
   * its new version (the old one only shows it from now on).
   */
  async reschedule(token: string, change: Omit<BookingChange, 'staffId'>): Promise<CreatedCustomerBooking> {
    const link = this.links.verify(token);
    const { bookingId, tenantId } = link;
    const current = await this.db.asTenant(tenantId, async (m) => {
      await this.assertCurrent(m, link);
      return this.bookings.assertCustomerMayChange(m, new TenantRow(m, tenantId), bookingId);
    });
    return this.slots.refusingUnavailable(tenantId, slotWanted(current, change), () =>
      this.db.asTenant(tenantId, async (m) => {
        // Checked again under the row lock: of two requests with one link, only the first moves the booking.
        await this.assertCurrent(m, link);
        const booking = await this.changes.customerChangeIn(m, tenantId, bookingId, change);
        const version = await this.repository.version(m, bookingId);
        if (version === undefined) throw linkInvalid();
        return customerBookingView({
          ...booking,
          manageUrl: this.links.url(bookingId, tenantId, version, new Date(booking.start)),
        });
      }),
    );
  }

  /**
   * Refuses a change through `link` unless its business is active and the link names the
   * booking's current version; the booking's row stays locked until the transaction ends.
   */
  private async assertCurrent(m: EntityManager, link: ManageLink): Promise<void> {
    await activeBusiness(m, link.tenantId);
    // A link to a booking that does not exist (any more) is not a valid link.
    const version = await this.repository.version(m, link.bookingId, { lock: true });
    if (version === undefined) throw linkInvalid();
    if (version !== link.version) throw linkOutdated();
  }
}

/** The link's business, refused exactly as the public endpoints refuse an unknown or suspended one. */
async function activeBusiness(m: EntityManager, tenantId: string): Promise<TenantEntity> {
  const business = await m.findOneBy(TenantEntity, { id: tenantId });
  if (business?.status !== 'active') throw businessNotFound();
  return business;
}
