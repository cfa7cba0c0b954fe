import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantMember } from '../../common/access/access.decorators';
import { ParseIdPipe } from '../../common/id.pipe';
import { ListConversationsQuery, StaffReplyDto } from './dto/inbox.dto';
import { InboxService } from './inbox.service';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/v1/conversations')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @TenantMember()
  list(@Query() query: ListConversationsQuery) {
    return this.inbox.list({ flagged: query.flagged, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get(':id')
  @TenantMember()
  get(@Param('id', ParseIdPipe) id: string) {
    return this.inbox.get(id);
  }

  @Post(':id/reply')
  @HttpCode(201)
  @TenantMember()
  reply(@Param('id', ParseIdPipe) id: string, @Body() dto: StaffReplyDto) {
    return this.inbox.reply(id, dto.text);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @TenantMember()
  pause(@Param('id', ParseIdPipe) id: string) {
    return this.inbox.setBotPaused(id, true);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @TenantMember()
  resume(@Param('id', ParseIdPipe) id: string) {
    return this.inbox.setBotPaused(id, false);
  }
}
