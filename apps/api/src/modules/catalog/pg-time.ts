import type { LocalTime } from '@frontdesk/contracts';

/** Postgres `time` reads back as `HH:MM:SS`; the contract speaks `HH:MM`. */
export const fromPgTime = (time: string | null): LocalTime | null => (time === null ? null : time.slice(0, 5));
