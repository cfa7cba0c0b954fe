import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { CustomersModule } from '../customers/customers.module';
import { PublicProfileModule } from '../public-profile/public-profile.module';
import { ChatController } from './chat.controller';
import { CommandExecutor } from './command-executor';
import { ConversationFacts } from './conversation-facts';
import { ConversationRepository } from './conversation.repository';
import { ConversationService } from './conversation.service';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { UnderstandingService } from './understanding.service';

@Module({
  imports: [BookingsModule, CustomersModule, PublicProfileModule],
  controllers: [ChatController, InboxController],
  providers: [
    ConversationService,
    ConversationRepository,
    CommandExecutor,
    ConversationFacts,
    UnderstandingService,
    InboxService,
  ],
  exports: [ConversationService],
})
export class ConversationsModule {}
