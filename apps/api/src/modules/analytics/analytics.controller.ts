import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OwnerOnly } from '../../common/access/access.decorators';
import { AnalyticsService } from './analytics.service';
import { AnalyticsRangeQuery, NoShowsQuery } from './dto/analytics.dto';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('summary')
  @OwnerOnly()
  summary(@Query() query: AnalyticsRangeQuery) {
    return this.analytics.summary(query);
  }

  @Get('no-shows')
  @OwnerOnly()
  noShows(@Query() query: NoShowsQuery) {
    return this.analytics.noShows(query, query.by);
  }

  /** Extension to v1: the range's bookings with outcome, risk and payment columns. */
  @Get('bookings.csv')
  @OwnerOnly()
  @ApiProduces('text/csv')
  bookingsCsv(@Query() query: AnalyticsRangeQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const csv = this.analytics.bookingsCsv(query);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="bookings-${query.from}-to-${query.to}.csv"`);
    return csv;
  }
}
