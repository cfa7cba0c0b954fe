import type { RiskTier, Weekday } from '@frontdesk/contracts';

/** Why a booking's no-show risk is what it is: the factors that raise it, strongest first. */
export type RiskReason =
  'prior_no_shows' | 'late_cancels' | 'long_lead_time' | 'first_visit' | 'unconfirmed' | 'early_morning' | 'monday';

export interface RiskInput {
  /** The customer's own outcomes with this business, before this booking. */
  history: { noShows: number; lateCancels: number; completed: number };
  /** The business's no-show rate (no-shows / (completed + no-shows)); null when it has too few outcomes. */
  businessRate: number | null;
  /** Hours from booking to start. */
  leadTimeHours: number;
  /** Whether a reminder went out and the customer has not confirmed although the start is 2 hours away or less. */
  unconfirmedAtTwoHours: boolean;
  /** A deposit was paid and is held. */
  depositHeld: boolean;
  /** The appointment's local weekday and hour. */
  weekday: Weekday;
  hour: number;
}

export interface NoShowRisk {
  /** The probability of a no-show, 0..1, rounded to 3 decimals. */
  score: number;
  tier: RiskTier;
  /** The factors that raised the score, strongest first, at most three. */
  reasons: RiskReason[];
}

/*
 * An additive model on the log-odds scale: the business's own rate is the starting point, and each
 * factor adds its log odds ratio. Weights are starting points from the literature, to be refitted
 * on a business's own outcomes once it has enough of them:
 * - Prior no-shows and lead time are the most consistent predictors across studies (Dantas, Fleck,
 *   Oliveira & Hamacher, "No-shows in appointment scheduling – a systematic literature review",
 *   Health Policy 122(4), 2018; Daggy et al., "Using no-show modeling to improve clinic
 *   performance", Health Informatics Journal 16(4), 2010). The customer's own history enters as
 *   their no-show rate smoothed toward the business's rate with HISTORY_PRIOR_WEIGHT pseudo
 *   appointments (empirical Bayes), so one miss in two visits does not dominate.
 * - Lead time: odds ratios of about 1.5–2 for bookings weeks ahead against the same week.
 * - First visits: new patients/clients miss more often (odds ratio ≈ 1.5 in the review above).
 * - A reminder left unanswered by T−2 h: non-response to reminders goes with missed visits; SMS
 *   reminders themselves cut the risk of missing to 0.77 (meta-analysis quoted in issue 11), and
 *   an unconfirmed appointment keeps most of the baseline risk: odds ratio ≈ 1.8, a judgment.
 * - A deposit held: booking platforms report prepayment cutting no-shows by half or more; odds
 *   ratio 0.4, a judgment.
 * - Early-morning and Monday appointments are missed slightly more often (small effects, ≈ 1.1–1.2).
 */
export const RISK_WEIGHTS = {
  /** Log odds ratio per late cancellation, up to MAX_LATE_CANCELS. */
  lateCancel: 0.2,
  leadTime: { underDay: -0.3, underWeek: 0, underMonth: 0.4, later: 0.7 },
  firstVisit: 0.4,
  unconfirmed: 0.6,
  depositHeld: -0.9,
  earlyMorning: 0.15,
  monday: 0.1,
} as const;

/** The no-show rate assumed when a business has too few outcomes of its own (about one in ten). */
export const DEFAULT_BUSINESS_RATE = 0.1;
const HISTORY_PRIOR_WEIGHT = 5;
const MAX_LATE_CANCELS = 5;
/** Tier bounds on the score: below MEDIUM_RISK low, below HIGH_RISK medium, else high. */
export const MEDIUM_RISK = 0.1;
export const HIGH_RISK = 0.25;
/** A factor named as a reason moves the log odds up by at least this much. */
const REASON_THRESHOLD = 0.1;

const logit = (p: number) => Math.log(p / (1 - p));
const clampRate = (p: number) => Math.min(0.95, Math.max(0.01, p));

/** The booking's no-show risk: a probability, its tier, and the factors that raised it. */
export function noShowRisk(input: RiskInput): NoShowRisk {
  const base = clampRate(input.businessRate ?? DEFAULT_BUSINESS_RATE);
  const { noShows, lateCancels, completed } = input.history;
  const ownRate = clampRate((noShows + HISTORY_PRIOR_WEIGHT * base) / (noShows + completed + HISTORY_PRIOR_WEIGHT));
  const w = RISK_WEIGHTS;
  const lead =
    input.leadTimeHours < 24
      ? w.leadTime.underDay
      : input.leadTimeHours < 7 * 24
        ? w.leadTime.underWeek
        : input.leadTimeHours < 30 * 24
          ? w.leadTime.underMonth
          : w.leadTime.later;
  const firstVisit = noShows + completed === 0;
  // Someone who has missed a visit is never taken for less risky than someone unknown.
  const history = logit(ownRate) - logit(base);
  const factors: [RiskReason | null, number][] = [
    ['prior_no_shows', noShows > 0 ? Math.max(history, w.firstVisit) : history],
    ['late_cancels', w.lateCancel * Math.min(lateCancels, MAX_LATE_CANCELS)],
    ['long_lead_time', lead],
    ['first_visit', firstVisit ? w.firstVisit : 0],
    ['unconfirmed', input.unconfirmedAtTwoHours ? w.unconfirmed : 0],
    [null, input.depositHeld ? w.depositHeld : 0],
    ['early_morning', input.hour < 10 ? w.earlyMorning : 0],
    ['monday', input.weekday === 'mon' ? w.monday : 0],
  ];
  const logOdds = factors.reduce((sum, [, value]) => sum + value, logit(base));
  const score = Math.round((1 / (1 + Math.exp(-logOdds))) * 1000) / 1000;
  const reasons = factors
    .filter((f): f is [RiskReason, number] => f[0] !== null && f[1] >= REASON_THRESHOLD)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason]) => reason);
  return { score, tier: score >= HIGH_RISK ? 'high' : score >= MEDIUM_RISK ? 'medium' : 'low', reasons };
}
