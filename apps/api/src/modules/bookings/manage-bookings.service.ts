import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking } from '@frontdesk/contracts';
import { checkCustomerChange } from '@frontdesk/policies';
import { Db } from '../../common/db/db.service';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import { appointmentStarted } from './booking-errors';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { linkInvalid, ManageLinks } from './manage-links';

/** What a customer does with the signed link every booking carries: view, cancel, reschedule. */
@Injectable()
export class ManageBookingsService {
  constructor(
    private readonly db: Db,
    private readonly links: ManageLinks,
    private readonly bookings: BookingsService,
    private readonly repository: BookingsRepository,
  ) {}

  async view(token: string) {
    const { bookingId, tenantId } = this.links.verify(token);
    return this.db.asTenant(tenantId, async (m) => {
      const booking = await this.repository.find(m, bookingId);
      if (!booking) throw linkInvalid();
      if (new Date(booking.start).getTime() <= Date.now()) throw appointmentStarted();
      const business = await m.findOneByOrFail(TenantEntity, { id: tenantId });
      const verdict = checkCustomerChange({
        status: booking.status,
        start: new Date(booking.start),
        now: new Date(),
        cancellationNoticeHours: business.cancellationNoticeHours,
      });
      return {
        booking,
        business: {
          name: business.name,
          slug: business.slug,
          timezone: business.timezone,
          currency: business.currency,
          locale: business.locale,
        },
        canChange: verdict.ok,
        cancellationNoticeHours: business.cancellationNoticeHours,
      };
    });
  }

  async cancel(token: string): Promise<Booking> {
    const { bookingId, tenantId } = this.links.verify(token);
    return this.db.asTenant(tenantId, async (m) => {
      await this.assertLinked(m, bookingId);
      return this.bookings.customerCancelIn(m, tenantId, bookingId);
    });
  }

  async reschedule(token: string, start: Date): Promise<Booking & { manageUrl: string }> {
    const { bookingId, tenantId } = this.links.verify(token);
    const current = await this.db.asTenant(tenantId, async (m) => {
      await this.assertLinked(m, bookingId);
      return this.bookings.assertCustomerMayChange(m, tenantId, bookingId);
    });
    const booking = await this.bookings.refusingUnavailable(tenantId, { serviceId: current.serviceId, start }, () =>
      this.db.asTenant(tenantId, (m) => this.bookings.customerRescheduleIn(m, tenantId, bookingId, start)),
    );
    return { ...booking, manageUrl: this.bookings.manageUrl(booking, tenantId) };
  }

  /** A link to a booking that does not exist (any more) is not a valid link. */
  private async assertLinked(m: EntityManager, bookingId: string): Promise<void> {
    if (!(await this.repository.find(m, bookingId))) throw linkInvalid();
  }
}
