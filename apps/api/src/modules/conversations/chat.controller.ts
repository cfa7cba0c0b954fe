import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ChatResponse } from '@frontdesk/contracts';
import { Public } from '../../common/access/access.decorators';
import { PublicTenants } from '../public-profile/public-tenants.service';
import { ConversationService } from './conversation.service';
import { ChatRequestDto } from './dto/chat.dto';

/** The conversation engine over HTTP: the web chat, and the same engine SMS and WhatsApp reach. */
@ApiTags('public')
@Controller('api/v1/public')
export class ChatController {
  constructor(
    private readonly tenants: PublicTenants,
    private readonly conversations: ConversationService,
  ) {}

  @Post(':slug/chat')
  @HttpCode(200)
  @Public({ rateLimited: true })
  async chat(@Param('slug') slug: string, @Body() dto: ChatRequestDto): Promise<ChatResponse> {
    const tenant = await this.tenants.resolveActive(slug);
    const { replies, state, awaiting, bookingId } = await this.conversations.receive({
      tenantId: tenant.id,
      channel: 'web',
      from: dto.from,
      text: dto.text,
      repliesInline: true,
    });
    return { replies, state, awaiting, bookingId };
  }
}
