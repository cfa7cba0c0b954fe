import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OwnerOnly, TenantMember } from '../../common/access/access.decorators';
import { ParseIdPipe } from '../../common/id.pipe';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { AvailabilityService } from './availability.service';
import { BookingChanges, changeOf } from './booking-changes.service';
import { BookingsService } from './bookings.service';
import { Refunds } from './refunds';
import { AvailabilityAnswer, AvailabilityQuery } from './dto/availability.dto';
import {
  CancelBookingDto,
  AdminCreateBookingDto,
  ListBookingsQuery,
  RescheduleBookingDto,
  SetBookingStatusDto,
} from './dto/booking.dto';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey, sendAnswer } from './idempotency-keys';

/** The tenant's own book: owners and staff (and super-admins acting on the tenant). */
@ApiTags('bookings')
@ApiBearerAuth()
@Controller('api/v1')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly changes: BookingChanges,
    private readonly availability: AvailabilityService,
    private readonly refunds: Refunds,
  ) {}

  @Get('availability')
  @ApiOkResponse({ type: AvailabilityAnswer })
  @TenantMember()
  slots(@Query() query: AvailabilityQuery) {
    return this.availability.availability(getTenantContext().tenantId, query);
  }

  @Get('bookings')
  @TenantMember()
  list(@Query() query: ListBookingsQuery) {
    return this.bookings.list(getTenantContext().tenantId, query);
  }

  @Post('bookings')
  @HttpCode(201)
  @TenantMember()
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  async create(
    @Body() dto: AdminCreateBookingDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const answer = await this.bookings.create(
      getTenantContext().tenantId,
      { ...dto, start: new Date(dto.start), source: 'admin' },
      { idempotency: key === undefined ? undefined : { scope: 'bookings.admin', key, body: dto } },
    );
    return sendAnswer(reply, answer);
  }

  @Get('bookings/:id')
  @TenantMember()
  get(@Param('id', ParseIdPipe) id: string) {
    return this.bookings.get(getTenantContext().tenantId, id);
  }

  @Post('bookings/:id/refund')
  @HttpCode(200)
  @OwnerOnly()
  refund(@Param('id', ParseIdPipe) id: string) {
    return this.refunds.refundBooking(getTenantContext().tenantId, id);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(200)
  @TenantMember()
  cancel(@Param('id', ParseIdPipe) id: string, @Body() dto: CancelBookingDto) {
    return this.bookings.cancel(getTenantContext().tenantId, id, dto.reason);
  }

  @Post('bookings/:id/reschedule')
  @HttpCode(200)
  @TenantMember()
  reschedule(@Param('id', ParseIdPipe) id: string, @Body() dto: RescheduleBookingDto) {
    return this.changes.change(getTenantContext().tenantId, id, changeOf(dto));
  }

  @Post('bookings/:id/status')
  @HttpCode(200)
  @TenantMember()
  setStatus(@Param('id', ParseIdPipe) id: string, @Body() dto: SetBookingStatusDto) {
    return this.bookings.setStatus(getTenantContext().tenantId, id, dto.status);
  }
}
