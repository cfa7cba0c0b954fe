import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { NO_SHOW_BREAKDOWNS, type NoShowBreakdown } from '@frontdesk/contracts';
import { IsLocalDate } from '../../../common/validation';

/** Local dates of the appointments in the tenant's zone, both inclusive. */
export class AnalyticsRangeQuery {
  @ApiProperty({ example: '2026-09-01', description: 'First local date (tenant zone), inclusive' }) @IsLocalDate() from!: string;
  @ApiProperty({ example: '2026-11-30', description: 'Last local date (tenant zone), inclusive; at most 366 days after from' })
  @IsLocalDate()
  to!: string;
}

export class NoShowsQuery extends AnalyticsRangeQuery {
  @ApiProperty({ enum: NO_SHOW_BREAKDOWNS })
  @IsIn(NO_SHOW_BREAKDOWNS, { message: `by must be one of ${NO_SHOW_BREAKDOWNS.join(', ')}` })
  by!: NoShowBreakdown;
}
