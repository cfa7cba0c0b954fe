import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api-client';
import {
  alternativesOf,
  type BookingDraft,
  EMPTY_DRAFT,
  formatDuration,
  manageHref,
  publicProblem,
  serviceFacts,
  staffFor,
  toBookingRequest,
  withService,
} from './booking-form';

const slot = { start: '2026-12-01T15:00:00.000Z', end: '2026-12-01T15:30:00.000Z', staffIds: ['ana', 'ben'] };
const draft = (changes: Partial<BookingDraft>): BookingDraft => ({ ...EMPTY_DRAFT, ...changes });

describe('staff for a service', () => {
  const staff = [
    { id: 'ana', name: 'Ana', serviceIds: null },
    { id: 'ben', name: 'Ben', serviceIds: ['shave'] },
  ];

  it('offers only the staff who perform the chosen service', () => {
    expect(staffFor(staff, '').map((s) => s.id)).toEqual(['ana', 'ben']);
    expect(staffFor(staff, 'shave').map((s) => s.id)).toEqual(['ana', 'ben']);
    expect(staffFor(staff, 'cut').map((s) => s.id)).toEqual(['ana']);
  });

  it('clears the time on a new service, and the staff member when they do not perform it', () => {
    expect(withService(draft({ serviceId: 'shave', staffId: 'ben', slot }), 'cut', staff)).toEqual(
      draft({ serviceId: 'cut', staffId: '' }),
    );
    expect(withService(draft({ serviceId: 'cut', staffId: 'ana', slot }), 'shave', staff)).toEqual(
      draft({ serviceId: 'shave', staffId: 'ana' }),
    );
  });
});

describe('toBookingRequest', () => {
  it('is null until a service and a time are chosen', () => {
    expect(toBookingRequest(draft({}))).toBeNull();
    expect(toBookingRequest(draft({ serviceId: 'svc' }))).toBeNull();
    expect(toBookingRequest(draft({ slot }))).toBeNull();
  });

  it('leaves the staff to the API for "anyone", trims, and drops an empty email', () => {
    expect(toBookingRequest(draft({ serviceId: 'svc', slot, name: ' Ana Gómez ', phone: ' +1 555 0100 ', email: '  ' }))).toEqual(
      {
        serviceId: 'svc',
        start: slot.start,
        customer: { name: 'Ana Gómez', phone: '+1 555 0100' },
      },
    );
  });

  it('pins a chosen staff member and sends an email', () => {
    expect(toBookingRequest(draft({ serviceId: 'svc', staffId: 'ben', slot, name: 'A', phone: '1', email: 'a@b.test' }))).toEqual(
      {
        serviceId: 'svc',
        start: slot.start,
        staffId: 'ben',
        customer: { name: 'A', phone: '1', email: 'a@b.test' },
      },
    );
  });

  it('sends empty name and phone as they are, for the API to name them', () => {
    expect(toBookingRequest(draft({ serviceId: 'svc', slot }))?.customer).toEqual({ name: '', phone: '' });
  });
});

describe('alternativesOf', () => {
  it.each([
    [
      'a slot_unavailable answer',
      new ApiError(409, { code: 'slot_unavailable', message: 'taken', alternatives: [slot] }),
      [slot],
    ],
    ['one without alternatives', new ApiError(409, { code: 'slot_unavailable', message: 'taken' }), []],
    ['another code', new ApiError(409, { code: 'conflict', message: 'no', alternatives: [slot] }), []],
    ['not an API error', new Error('boom'), []],
    ['nothing', null, []],
  ])('%s', (_case, error, expected) => {
    expect(alternativesOf(error)).toEqual(expected);
  });
});

describe('publicProblem', () => {
  it.each([
    [401, 'link_invalid', 'This link is not valid'],
    [410, 'link_expired', 'This link has expired'],
    [409, 'too_late', 'Too late to change online'],
    [404, 'not_found', 'Business not found'],
    [409, 'slot_unavailable', 'That time is no longer free'],
    [429, 'rate_limited', 'Too many requests'],
    [500, 'internal_error', 'Something went wrong'],
    [400, 'validation_failed', 'That did not work'],
    [418, 'brand_new_code', 'That did not work'],
  ])('%i %s → %s', (status, code, title) => {
    expect(publicProblem(new ApiError(status, { code: code as never, message: 'said' })).title).toBe(title);
  });

  it('passes on what the API said about the notice window', () => {
    const error = new ApiError(409, { code: 'too_late', message: 'Changes are possible up to 24 hours before the appointment' });
    expect(publicProblem(error).message).toBe('Changes are possible up to 24 hours before the appointment');
  });
});

describe('manageHref', () => {
  it('keeps a link to this site inside the app', () => {
    expect(manageHref('http://localhost:3000/manage/abc.def', 'http://localhost:3000')).toEqual({ path: '/manage/abc.def' });
  });
  it('leaves a link to another host as it is', () => {
    expect(manageHref('https://book.example.com/manage/abc', 'http://localhost:3000')).toEqual({
      url: 'https://book.example.com/manage/abc',
    });
  });
});

describe('service facts', () => {
  it.each([
    [30, '30 min'],
    [60, '1 h'],
    [75, '1 h 15 min'],
  ])('%i minutes read %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
  it('shows the price in the business currency', () => {
    expect(serviceFacts({ durationMinutes: 45, priceCents: 3500 }, 'usd')).toBe('45 min · $35.00');
    expect(serviceFacts({ durationMinutes: 30, priceCents: 2000 }, 'jpy')).toBe('30 min · ¥2,000');
  });
});
