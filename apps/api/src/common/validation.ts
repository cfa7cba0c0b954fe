import { applyDecorators, ValidationPipe, type ValidationError } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { DateTime, IANAZone } from 'luxon';
import { validationFailed } from './errors/app-error';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message.replace(error.property, path) : `${path}: ${message}`,
    );
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Unknown fields rejected, types transformed, failures as 400 `validation_failed`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

/**
 * The years an appointment business has any use for. Dates and instants outside them are refused
 * at the edge: far beyond them the date arithmetic (luxon, JavaScript's Date, Postgres) runs out of
 * range or formats years with six digits, and a 500 was all a caller got for `9999-12-31T23:59:59Z`.
 */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;
const MIN_INSTANT_MS = Date.UTC(MIN_YEAR, 0, 1);
const MAX_INSTANT_MS = Date.UTC(MAX_YEAR + 1, 0, 1);

export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DD` that names a real calendar day (2026-02-30 is refused). Plain arithmetic: it runs
 * twice on every availability request, where luxon's parser was a noticeable share of the time.
 */
export function isLocalDate(value: unknown): value is string {
  const parts = typeof value === 'string' ? LOCAL_DATE_PATTERN.exec(value) : null;
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

export function IsLocalDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a real date formatted YYYY-MM-DD, in the years ${MIN_YEAR} to ${MAX_YEAR}`,
        ...options,
      },
      validator: { validate: isLocalDate },
    });
}

export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as America/New_York`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value) },
    });
}

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * ISO-8601 instant with an explicit offset (`Z` or `±hh:mm`): a bare local time is ambiguous.
 * The offset is one a clock can have (-12:00 to +14:00, minutes below 60), and the instant lies
 * in the years MIN_YEAR..MAX_YEAR. The one validator for every instant a request carries.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = INSTANT_PATTERN.exec(value);
  if (!parts) return false;
  if (parts[4]) {
    const minutes = Number(parts[5]) * 60 + Number(parts[6]);
    if (Number(parts[6]) >= 60 || minutes > (parts[4] === '+' ? 14 * 60 : 12 * 60)) return false;
  }
  const instant = DateTime.fromISO(value, { setZone: true });
  if (!instant.isValid) return false;
  const ms = instant.toMillis();
  return ms >= MIN_INSTANT_MS && ms < MAX_INSTANT_MS;
}

export function IsInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an ISO-8601 instant with an offset between -12:00 and +14:00, in the years ${MIN_YEAR} to ${MAX_YEAR}, e.g. 2026-12-01T15:00:00Z`,
        ...options,
      },
      validator: { validate: isInstant },
    });
}

/**
 * Integers taken from a query string (`?offset=`, `?limit=`, `?before=`), with bounds: without a
 * maximum, `offset=9223372036854775808` reached Postgres as a bigint out of range (a 500).
 */
export function QueryInt(min: number, max: number) {
  return applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/**
 * The field may be left out, but when sent it must not be null. `@IsOptional()` would let
 * null through to a NOT NULL column, which should be a 400 here rather than a 500 there.
 */
export const OmittableNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** The largest `offset` a list accepts: far past any real list, well inside a Postgres bigint. */
export const MAX_LIST_OFFSET = 1_000_000_000;
