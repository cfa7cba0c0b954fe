import { computeSlots } from './slots';
import { isoStarts, query } from './test-fixtures';

describe('computeSlots: external busy time', () => {
  const staff = [
    { id: 'alice', hours: null },
    { id: 'bob', hours: null },
  ];
  const busy = { staffId: 'alice', blockedStart: new Date('2026-03-10T10:30:00Z'), blockedEnd: new Date('2026-03-10T12:00:00Z') };

  it('blocks only its own staff member, like a closed range', () => {
    const slots = computeSlots(query({ staff, externalBusy: [busy] }));
    const aliceStarts = isoStarts(slots.filter((s) => s.staffIds.includes('alice')));
    expect(aliceStarts).not.toContain('2026-03-10T10:00:00.000Z');
    expect(aliceStarts).not.toContain('2026-03-10T11:00:00.000Z');
    expect(aliceStarts).toContain('2026-03-10T12:00:00.000Z');
    expect(slots.filter((s) => s.staffIds.includes('bob'))).toHaveLength(8);
  });

  it('keeps buffers out of it', () => {
    const slots = computeSlots(
      query({ externalBusy: [busy], service: { id: 'svc', durationMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 } }),
    );
    const buffered = computeSlots(
      query({
        externalBusy: [busy],
        service: { id: 'svc', durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 0 },
      }),
    );
    expect(isoStarts(slots)).toContain('2026-03-10T12:00:00.000Z');
    expect(isoStarts(buffered)).not.toContain('2026-03-10T12:00:00.000Z');
  });
});
