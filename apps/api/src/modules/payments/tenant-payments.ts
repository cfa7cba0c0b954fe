import { DEFAULT_DEPOSIT_SETTINGS, type DepositSettings, type PaymentSettings } from '@frontdesk/contracts';
import type { TenantEntity } from '../tenants/entities/tenant.entity';

type PaymentColumns = Pick<TenantEntity, 'depositSettings' | 'stripeAccountId' | 'stripeChargesEnabled'>;

/** The tenant's deposit rules; a tenant that never saved any has the defaults. */
export function depositSettingsOf(tenant: Pick<TenantEntity, 'depositSettings'>): DepositSettings {
  return { ...DEFAULT_DEPOSIT_SETTINGS, ...tenant.depositSettings };
}

/**
 * The connected account a tenant's Checkout Sessions are made on (direct charges), or null
 * for the platform account: only once its charges are enabled.
 */
export function paymentAccountOf(tenant: PaymentColumns): string | null {
  return tenant.stripeAccountId && tenant.stripeChargesEnabled ? tenant.stripeAccountId : null;
}

export function paymentSettingsOf(tenant: PaymentColumns, available: boolean): PaymentSettings {
  return {
    available,
    mode: paymentAccountOf(tenant) ? 'connect' : 'platform',
    stripeAccountId: tenant.stripeAccountId,
    chargesEnabled: tenant.stripeChargesEnabled,
  };
}
