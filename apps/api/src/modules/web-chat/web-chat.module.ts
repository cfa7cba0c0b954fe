import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { ChannelsModule } from '../channels/channels.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { PublicProfileModule } from '../public-profile/public-profile.module';
import { ChatController } from './chat.controller';
import { CodeSender } from './code-sender';
import { VerificationCodes } from './verification-codes';
import { WebChatSessions } from './web-chat-sessions';
import { WebChatRepository } from './web-chat.repository';
import { WebChatService } from './web-chat.service';

/** The public chat endpoint: web chat sessions (codes go out through the channels) and staff talking as a phone. */
@Module({
  imports: [ConversationsModule, ChannelsModule, BookingsModule, PublicProfileModule],
  controllers: [ChatController],
  providers: [WebChatService, WebChatRepository, WebChatSessions, VerificationCodes, CodeSender],
})
export class WebChatModule {}
