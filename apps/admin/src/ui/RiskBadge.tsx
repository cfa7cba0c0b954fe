import type { NoShowRiskView } from '@frontdesk/contracts';

const REASON_LABELS: Record<string, string> = {
  prior_no_shows: 'missed earlier visits',
  late_cancels: 'cancelled late before',
  long_lead_time: 'booked far ahead',
  first_visit: 'first visit',
  unconfirmed: 'reminder not confirmed',
  early_morning: 'early-morning slot',
  monday: 'Monday slot',
};

/** Why the score is high, in words: "missed earlier visits, booked far ahead". */
export const riskReasonsText = (risk: NoShowRiskView) =>
  risk.reasons.map((reason) => REASON_LABELS[reason] ?? reason.replace(/_/g, ' ')).join(', ');

/** Marks a booking whose no-show risk is high, its reasons as the tooltip; nothing for the others. */
export function RiskBadge({ risk }: { risk: NoShowRiskView | undefined }) {
  if (risk?.tier !== 'high') return null;
  const why = riskReasonsText(risk);
  return (
    <span
      className="badge badge--risk-high"
      title={why ? `High no-show risk: ${why}` : 'High no-show risk'}
      aria-label={why ? `High no-show risk: ${why}` : 'High no-show risk'}
    >
      High risk
    </span>
  );
}
