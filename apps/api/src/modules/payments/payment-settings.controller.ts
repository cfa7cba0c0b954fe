import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConnectOnboarding, DepositSettings, PaymentSettings } from '@frontdesk/contracts';
import { OwnerOnly } from '../../common/access/access.decorators';
import { RulesPipe } from '../catalog/dto/rules.pipe';
import { DepositSettingsService } from './deposit-settings.service';
import { DepositSettingsDto } from './dto/deposit-settings.dto';
import { PaymentSettingsService } from './payment-settings.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class PaymentSettingsController {
  constructor(
    private readonly deposits: DepositSettingsService,
    private readonly payments: PaymentSettingsService,
  ) {}

  @Get('deposits')
  @OwnerOnly()
  depositSettings(): Promise<DepositSettings> {
    return this.deposits.get();
  }

  @Put('deposits')
  @OwnerOnly()
  replaceDepositSettings(@Body(RulesPipe) dto: DepositSettingsDto): Promise<DepositSettings> {
    return this.deposits.replace(dto);
  }

  @Get('payments')
  @OwnerOnly()
  paymentSettings(): Promise<PaymentSettings> {
    return this.payments.get();
  }

  @Post('payments/connect')
  @HttpCode(200)
  @OwnerOnly()
  @ApiOperation({ summary: "Creates the business's Stripe Express account once; answers a fresh onboarding link" })
  @ApiConflictResponse({ description: 'Payments are not configured on this platform (no STRIPE_SECRET_KEY)' })
  connect(): Promise<ConnectOnboarding> {
    return this.payments.connect();
  }

  @Post('payments/refresh')
  @HttpCode(200)
  @OwnerOnly()
  @ApiOperation({ summary: "Reads the connected account's state from Stripe now (after onboarding)" })
  refresh(): Promise<PaymentSettings> {
    return this.payments.refresh();
  }
}
