import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OwnerOnly, Public, TenantMember } from '../../common/access/access.decorators';
import { notFound, validationFailed } from '../../common/errors/app-error';
import { ParseIdPipe } from '../../common/id.pipe';
import { CalendarFeedsService } from './calendar-feeds.service';
import { ExternalBusyQuery, GoogleCallbackQuery, UpdateCalendarFeedDto } from './dto/calendars.dto';
import { GoogleConnectionsService } from './google-connections.service';

@ApiTags('calendars')
@ApiBearerAuth()
@Controller('api/v1/staff/:id')
export class StaffCalendarsController {
  constructor(
    private readonly feeds: CalendarFeedsService,
    private readonly google: GoogleConnectionsService,
  ) {}

  @Get('calendar-feed')
  @OwnerOnly()
  feed(@Param('id', ParseIdPipe) id: string) {
    return this.feeds.get(id);
  }

  @Post('calendar-feed')
  @HttpCode(200)
  @OwnerOnly()
  @ApiOperation({ summary: 'A new secret feed URL; the old one answers 404 from now on' })
  regenerateFeed(@Param('id', ParseIdPipe) id: string) {
    return this.feeds.regenerate(id);
  }

  @Patch('calendar-feed')
  @OwnerOnly()
  @ApiOperation({ summary: 'Extension to v1: whether the feed (and Google events) show only "Busy"' })
  updateFeed(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateCalendarFeedDto) {
    return this.feeds.setBusyOnly(id, dto.busyOnly);
  }

  @Get('google')
  @OwnerOnly()
  googleStatus(@Param('id', ParseIdPipe) id: string) {
    return this.google.status(id);
  }

  @Post('google/connect')
  @HttpCode(200)
  @OwnerOnly()
  connectGoogle(@Param('id', ParseIdPipe) id: string) {
    return this.google.connect(id);
  }

  @Post('google/sync')
  @HttpCode(200)
  @OwnerOnly()
  syncGoogle(@Param('id', ParseIdPipe) id: string) {
    return this.google.syncNow(id);
  }

  @Delete('google')
  @HttpCode(204)
  @OwnerOnly()
  async disconnectGoogle(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.google.disconnect(id);
  }
}

@ApiTags('calendars')
@Controller('api/v1')
export class CalendarLinksController {
  constructor(
    private readonly feeds: CalendarFeedsService,
    private readonly google: GoogleConnectionsService,
  ) {}

  @Get('ical/:file')
  @Public({ rateLimited: true })
  @ApiOperation({ summary: "A staff member's bookings as an ICS feed (`<token>.ics`)" })
  async ics(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (!file.endsWith('.ics')) throw notFound('Calendar feed');
    const text = await this.feeds.ics(file.slice(0, -'.ics'.length), new Date());
    void reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300');
    return text;
  }

  @Get('integrations/google/callback')
  @Public({ rateLimited: true })
  @ApiOperation({ summary: "Google's redirect after consent; redirects to the admin app" })
  async googleCallback(@Query() query: GoogleCallbackQuery, @Res() reply: FastifyReply): Promise<void> {
    if (!query.state) throw validationFailed('state is required');
    await reply.redirect(await this.google.callback(query), 302);
  }

  @Get('calendar/external-busy')
  @TenantMember()
  @ApiOperation({ summary: "Extension to v1: busy ranges read from staff members' own calendars, for the admin calendar" })
  externalBusy(@Query() query: ExternalBusyQuery) {
    return this.google.externalBusy(new Date(query.from), new Date(query.to), query.staffId);
  }
}
