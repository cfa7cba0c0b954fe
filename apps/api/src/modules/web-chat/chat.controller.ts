import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ChatResponse } from '@frontdesk/contracts';
import { Public } from '../../common/access/access.decorators';
import { AppError, validationFailed } from '../../common/errors/app-error';
import { getActor } from '../../common/tenancy/tenant-context';
import { ConversationService } from '../conversations/conversation.service';
import { PublicTenants } from '../public-profile/public-tenants.service';
import { ChatRequestDto, ChatResponseDto } from './chat.dto';
import { WebChatService } from './web-chat.service';

const unauthorizedFrom = () =>
  new AppError(
    401,
    'unauthorized',
    "Talking as a phone number (from) needs an owner's or staff member's sign-in for this business",
  );

/** The conversation engine over HTTP: a web visitor's session, or staff talking as a phone. */
@ApiTags('public')
@Controller('api/v1/public')
export class ChatController {
  constructor(
    private readonly tenants: PublicTenants,
    private readonly webChats: WebChatService,
    private readonly conversations: ConversationService,
  ) {}

  @Post(':slug/chat')
  @HttpCode(200)
  @Public({ rateLimited: true, signedInMay: true })
  @ApiBearerAuth()
  @ApiOkResponse({ type: ChatResponseDto })
  async chat(@Param('slug') slug: string, @Body() dto: ChatRequestDto): Promise<ChatResponse> {
    if (dto.from === undefined) return this.webChats.receive((await this.tenants.resolveActive(slug)).id, dto.session, dto.text);
    if (dto.session !== undefined) throw validationFailed(['send either from or session, not both']);
    // Only the business's own people may speak as one of its customers; their access check has
    // found their business active, so the slug only has to name it.
    const actor = getActor();
    const tenantId = await this.tenants.idOf(slug);
    if (!actor?.role || actor.tenantId !== tenantId) throw unauthorizedFrom();
    const { replies, state, awaiting, bookingId } = await this.conversations.receive({
      tenantId,
      channel: 'web',
      from: dto.from,
      text: dto.text,
      repliesInline: true,
    });
    return { session: null, replies, state, awaiting, bookingId };
  }
}
