// The cluster tier (`npm run test:cluster`): several real API processes on one embedded
// Postgres behind a round-robin proxy. Slow by nature (processes boot, leases lapse), so kept
// out of the default jest projects.
import base from './jest.config.js';

const integration = base.projects.find((p) => p.displayName === 'integration');

export default {
  testTimeout: base.testTimeout,
  projects: [{ ...integration, displayName: 'cluster', testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'] }],
};
