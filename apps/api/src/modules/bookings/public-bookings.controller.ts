import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/access/access.decorators';
import { AvailabilityService } from './availability.service';
import { customerBookingView } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { AvailabilityAnswer, AvailabilityQuery } from './dto/availability.dto';
import { changeOf } from './booking-changes.service';
import { CreateBookingDto, ManageRescheduleDto } from './dto/booking.dto';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey, sendAnswer } from './idempotency-keys';
import { ManageBookingsService } from './manage-bookings.service';
import { PublicTenants } from '../public-profile/public-tenants.service';

/** What booking widgets and customers reach without an account. */
@ApiTags('public')
@Controller('api/v1/public')
export class PublicBookingsController {
  constructor(
    private readonly tenants: PublicTenants,
    private readonly bookings: BookingsService,
    private readonly manageBookings: ManageBookingsService,
    private readonly availability: AvailabilityService,
  ) {}

  @Get('manage/:token')
  @Public({ rateLimited: true })
  manage(@Param('token') token: string) {
    return this.manageBookings.view(token);
  }

  @Post('manage/:token/cancel')
  @HttpCode(200)
  @Public({ rateLimited: true })
  manageCancel(@Param('token') token: string) {
    return this.manageBookings.cancel(token);
  }

  @Post('manage/:token/reschedule')
  @HttpCode(200)
  @Public({ rateLimited: true })
  manageReschedule(@Param('token') token: string, @Body() dto: ManageRescheduleDto) {
    return this.manageBookings.reschedule(token, changeOf(dto));
  }

  @Get(':slug/availability')
  @ApiOkResponse({ type: AvailabilityAnswer })
  @Public({ rateLimited: true })
  async slots(@Param('slug') slug: string, @Query() query: AvailabilityQuery) {
    const tenant = await this.tenants.resolveActive(slug);
    return this.availability.availability(tenant.id, query);
  }

  @Post(':slug/bookings')
  @HttpCode(201)
  @Public({ rateLimited: true })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  async create(
    @Param('slug') slug: string,
    @Body() dto: CreateBookingDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const tenant = await this.tenants.resolveActive(slug);
    const answer = await this.bookings.create(
      tenant.id,
      { ...dto, start: new Date(dto.start), source: 'web' },
      { idempotency: key === undefined ? undefined : { scope: 'bookings.public', key, body: dto } },
    );
    return sendAnswer(reply, { ...answer, body: customerBookingView(answer.body) });
  }
}
