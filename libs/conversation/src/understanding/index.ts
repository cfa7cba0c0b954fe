export { understand, detectLanguage } from './understand';
export { editDistance } from './fuzzy';
export {
  INTENTS,
  LANGUAGES,
  TIMES_OF_DAY,
  TIME_BOUNDS,
  RELATIVES,
  UNDERSTANDING_KEYS,
  UNDERSTANDING_JSON_SCHEMA,
  isUnderstanding,
  toUnderstanding,
  isLocalDate,
  isLocalTime,
} from './types';
export type {
  DateRange,
  Intent,
  Language,
  Relative,
  ServiceRef,
  StaffRef,
  TimeBound,
  TimeOfDay,
  Understanding,
  UnderstandingContext,
} from './types';
export { isSmsOptOutKeyword, reminderAnswer, reminderButton } from './reminder-answer';
export type { ReminderAnswer } from './reminder-answer';
