import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { CustomersModule } from '../customers/customers.module';
import { RemindersModule } from '../reminders/reminders.module';
import { PublicProfileModule } from '../public-profile/public-profile.module';
import { CommandExecutor } from './command-executor';
import { ConversationEngine } from './conversation-engine';
import { ConversationFacts } from './conversation-facts';
import { ConversationRepository } from './conversation.repository';
import { ConversationService } from './conversation.service';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { ReminderRepliesRepository } from './reminder-replies.repository';
import { UnderstandingService } from './understanding.service';

@Module({
  imports: [BookingsModule, CustomersModule, PublicProfileModule, RemindersModule],
  controllers: [InboxController],
  providers: [
    ConversationService,
    ConversationEngine,
    ConversationRepository,
    ReminderRepliesRepository,
    CommandExecutor,
    ConversationFacts,
    UnderstandingService,
    InboxService,
  ],
  exports: [ConversationService, ConversationEngine, ConversationRepository, CommandExecutor],
})
export class ConversationsModule {}
