import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorators';
import { AvailabilityService } from './availability.service';
import { BookingsService } from './bookings.service';
import { AvailabilityQuery } from './dto/availability.dto';
import { CreateBookingDto, ManageRescheduleDto } from './dto/booking.dto';
import { SlugHints } from './slug-hints';

/** What booking widgets and customers reach without an account. */
@ApiTags('public')
@Controller('api/v1/public')
export class PublicBookingsController {
  constructor(
    private readonly tenants: SlugHints,
    private readonly bookings: BookingsService,
    private readonly availability: AvailabilityService,
  ) {}

  @Get('manage/:token')
  @Public({ rateLimited: true })
  manage(@Param('token') token: string) {
    return this.bookings.manageView(token);
  }

  @Post('manage/:token/cancel')
  @HttpCode(200)
  @Public({ rateLimited: true })
  manageCancel(@Param('token') token: string) {
    return this.bookings.manageCancel(token);
  }

  @Post('manage/:token/reschedule')
  @HttpCode(200)
  @Public({ rateLimited: true })
  manageReschedule(@Param('token') token: string, @Body() dto: ManageRescheduleDto) {
    return this.bookings.manageReschedule(token, new Date(dto.start));
  }

  @Get(':slug/availability')
  @Public({ rateLimited: true })
  slots(@Param('slug') slug: string, @Query() query: AvailabilityQuery) {
    return this.tenants.run(slug, (tenantId) => this.availability.availability(tenantId, query, slug));
  }

  @Post(':slug/bookings')
  @HttpCode(201)
  @Public({ rateLimited: true })
  create(@Param('slug') slug: string, @Body() dto: CreateBookingDto) {
    return this.tenants.run(slug, (tenantId) =>
      this.bookings.create(tenantId, { ...dto, start: new Date(dto.start), source: 'web' }, { slug }),
    );
  }
}
