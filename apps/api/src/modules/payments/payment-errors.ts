import { AppError, conflict } from '../../common/errors/app-error';
import { PaymentGatewayError } from './payment-gateway';

export const PAYMENTS_NOT_CONFIGURED = 'Payments are not configured on this platform (no STRIPE_SECRET_KEY)';

/** A gateway failure as an HTTP answer: never Stripe's raw error, never a bare 500. */
export function paymentHttpError(error: unknown): unknown {
  if (!(error instanceof PaymentGatewayError)) return error;
  switch (error.kind) {
    case 'not_configured':
      return conflict(PAYMENTS_NOT_CONFIGURED);
    case 'rejected':
    case 'not_found':
    case 'conflict':
      return new AppError(502, 'payment_provider_error', error.message);
    case 'unreachable':
    case 'unavailable':
      return new AppError(502, 'payment_provider_error', 'Stripe could not be reached; try again in a moment');
    case 'misconfigured':
      return new AppError(502, 'payment_provider_error', "Stripe refused the platform's credentials");
  }
}
