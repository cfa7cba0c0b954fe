import { CLAIM_BATCH } from '../apps/api/src/modules/channels/outbox-sender';
import { createTestDatabase } from './harness';
import { crashMidBurst } from './outbox-crash';

describe('the outbox across a SIGKILL mid-burst', () => {
  it('loses no reply, and sends again at most the one claim batch that was in flight', async () => {
    const outcome = await crashMidBurst(200, await createTestDatabase());
    expect(outcome.acceptedBeforeKill).toBeGreaterThan(0);
    expect(outcome.acceptedBeforeKill).toBeLessThan(outcome.recorded);
    expect(outcome.recorded).toBeGreaterThanOrEqual(outcome.customers);
    expect(outcome.lost).toBe(0);
    expect(outcome.duplicates).toBeGreaterThanOrEqual(0);
    expect(outcome.duplicates).toBeLessThanOrEqual(CLAIM_BATCH);
  }, 240_000);
});
