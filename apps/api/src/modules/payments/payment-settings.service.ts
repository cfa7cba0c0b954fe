import { Inject, Injectable } from '@nestjs/common';
import type { ConnectOnboarding, PaymentSettings } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { currentTenant } from '../catalog/tenant-settings';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import { PAYMENT_GATEWAY, type PaymentGateway } from './payment-gateway';
import { paymentHttpError } from './payment-errors';
import { paymentSettingsOf } from './tenant-payments';

/** The admin app's page Stripe sends the owner back to after onboarding (`?stripe=return`, or `refresh` for an expired link). */
export const PAYMENTS_SETTINGS_PATH = '/settings/payments';

/** Where a business's deposits go: the platform account, or its own Stripe Express account (Connect). */
@Injectable()
export class PaymentSettingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get(): Promise<PaymentSettings> {
    return this.db.tx(async (m) => paymentSettingsOf(await currentTenant(m, { forUpdate: false }), this.gateway.available));
  }

  /**
   * Creates the tenant's connected account once and returns a fresh onboarding link. The
   * account is created outside any transaction with an idempotency key derived from the
   * tenant, so two concurrent calls (or a retry after a crash, within Stripe's 24 hours) get
   * the same account; the first one stored wins, and both link to it.
   */
  async connect(): Promise<ConnectOnboarding> {
    try {
      const tenant = await this.db.tx((m) => currentTenant(m, { forUpdate: false }));
      const accountId = tenant.stripeAccountId ?? (await this.createAccount(tenant));
      const base = `${this.config.publicBaseUrl}${PAYMENTS_SETTINGS_PATH}`;
      const link = await this.gateway.createOnboardingLink({
        accountId,
        refreshUrl: `${base}?stripe=refresh`,
        returnUrl: `${base}?stripe=return`,
      });
      return { url: link.url };
    } catch (error) {
      throw paymentHttpError(error);
    }
  }

  /**
   * Asks Stripe for the connected account's state now (the owner is back from onboarding, and
   * the `account.updated` webhook may not have arrived, or may not be set up at all).
   */
  async refresh(): Promise<PaymentSettings> {
    try {
      const tenant = await this.db.tx((m) => currentTenant(m, { forUpdate: false }));
      if (!tenant.stripeAccountId) return paymentSettingsOf(tenant, this.gateway.available);
      const account = await this.gateway.retrieveAccount(tenant.stripeAccountId);
      return await this.db.tx(async (m) => {
        await m.update(
          TenantEntity,
          { id: tenant.id, stripeAccountId: account.id },
          { stripeChargesEnabled: account.chargesEnabled },
        );
        return paymentSettingsOf(await currentTenant(m, { forUpdate: false }), this.gateway.available);
      });
    } catch (error) {
      throw paymentHttpError(error);
    }
  }

  private async createAccount(tenant: TenantEntity): Promise<string> {
    const { tenantId } = getTenantContext();
    const account = await this.gateway.createConnectedAccount({ tenantId, country: tenant.country });
    return this.db.tx(async (m) => {
      const locked = await currentTenant(m, { forUpdate: true });
      if (locked.stripeAccountId) return locked.stripeAccountId;
      await m.update(
        TenantEntity,
        { id: tenantId },
        { stripeAccountId: account.id, stripeChargesEnabled: account.chargesEnabled },
      );
      await this.audit.record(m, {
        tenantId,
        action: 'payments.connect',
        entity: 'tenant',
        entityId: tenantId,
        before: { stripeAccountId: null },
        after: { stripeAccountId: account.id },
      });
      return account.id;
    });
  }
}
