import { DateTime, FixedOffsetZone } from 'luxon';
import type { LocalDate, WeeklyHours } from '@frontdesk/contracts';
import { WEEKDAYS } from '@frontdesk/contracts';
import { localDateTimeOf, zoneClock } from '@frontdesk/scheduling';
import type { Language } from './types';

const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-ES' };

/**
 * An instant as a DateTime on the zone's wall clock: in a fixed-offset zone holding the zone's
 * offset at that instant (from the shared zone clock), which formats the same as the IANA zone
 * would without Luxon's offset look-up at every call.
 */
export function local(iso: string, zone: string, language: Language): DateTime {
  const instant = Date.parse(iso);
  const offsetMinutes = zoneClock(zone).offsetAt(instant) / 60_000;
  return DateTime.fromMillis(instant, { zone: FixedOffsetZone.instance(offsetMinutes), locale: LOCALE[language] });
}

const timeText = (dt: DateTime, language: Language) => (language === 'en' ? dt.toFormat('h:mm a') : dt.toFormat('HH:mm'));
const dateText = (dt: DateTime, language: Language) =>
  language === 'en' ? dt.toFormat('cccc, LLL d') : dt.toFormat("cccc d 'de' LLLL");

/** "3:00 PM" / "15:00". */
export function formatTime(iso: string, zone: string, language: Language): string {
  return timeText(local(iso, zone, language), language);
}

/** "Tuesday, Dec 3" / "martes 3 de diciembre". */
export function formatDate(date: LocalDate, language: Language): string {
  // A calendar date's names do not depend on the zone.
  return dateText(DateTime.fromISO(date, { zone: 'utc', locale: LOCALE[language] }), language);
}

/** "Tuesday, Dec 3 at 3:00 PM" / "martes 3 de diciembre a las 15:00". */
export function formatWhen(iso: string, zone: string, language: Language): string {
  const dt = local(iso, zone, language);
  return `${dateText(dt, language)} ${language === 'en' ? 'at' : 'a las'} ${timeText(dt, language)}`;
}

/** A short label for a slot among options: the time alone when every option is on one day. */
export function slotLabel(iso: string, zone: string, language: Language, sameDay: boolean): string {
  if (sameDay) return formatTime(iso, zone, language);
  const dt = local(iso, zone, language);
  const day = language === 'en' ? dt.toFormat('ccc LLL d') : dt.toFormat('ccc d LLL');
  return `${day}, ${timeText(dt, language)}`;
}

/** Money formats by language and currency: making one is far dearer than formatting with it. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: number, currency: string, language: Language): string {
  const code = currency.toUpperCase();
  const key = `${language} ${code}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: code });
    moneyFormats.set(key, format);
  }
  return format.format(cents / 100);
}

export const localDateOf = (iso: string, zone: string) => localDateTimeOf(Date.parse(iso), zone).date;
export const localTimeOf = (iso: string, zone: string) => localDateTimeOf(Date.parse(iso), zone).time;
export const minutesOfDay = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function todayIn(now: Date, zone: string): LocalDate {
  return localDateTimeOf(now.getTime(), zone).date;
}

/** "3:00 PM" for "15:00" (English); the 24-hour clock as it is otherwise. */
function clockText(hhmm: string, language: Language): string {
  if (language !== 'en') return hhmm;
  const hours = Number(hhmm.slice(0, 2));
  return `${hours % 12 || 12}:${hhmm.slice(3, 5)} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** One day's opening hours: "9:00 AM–12:30 PM, 1:30 PM–6:00 PM" / "09:00–12:30, 13:30–18:00". */
export function formatIntervals(intervals: readonly { start: string; end: string }[], language: Language): string {
  return intervals.map((iv) => `${clockText(iv.start, language)}–${clockText(iv.end, language)}`).join(', ');
}

/** "Mon–Fri 9:00 AM–5:00 PM; Sat 10:00 AM–2:00 PM; Sun closed". */
export function formatHours(hours: WeeklyHours, language: Language): string {
  const dayName = (i: number) =>
    DateTime.fromObject({ weekday: (i + 1) as 1 })
      .setLocale(LOCALE[language])
      .toFormat('ccc');
  const describe = (i: number) => {
    const intervals = hours[WEEKDAYS[i]];
    if (intervals.length === 0) return language === 'en' ? 'closed' : 'cerrado';
    return formatIntervals(intervals, language);
  };
  const groups: { from: number; to: number; text: string }[] = [];
  for (let i = 0; i < 7; i++) {
    const text = describe(i);
    const last = groups[groups.length - 1];
    if (last && last.text === text) last.to = i;
    else groups.push({ from: i, to: i, text });
  }
  return groups.map((g) => `${g.from === g.to ? dayName(g.from) : `${dayName(g.from)}–${dayName(g.to)}`} ${g.text}`).join('; ');
}
