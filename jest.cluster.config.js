// The cluster tier (`npm run test:cluster`): several real API processes on one embedded
// Postgres behind a round-robin proxy. Slow by nature (processes boot, leases lapse), so kept
// out of the default jest projects.
const { projects, testTimeout } = require('./jest.config');

const integration = projects.find((p) => p.displayName === 'integration');

module.exports = {
  testTimeout,
  projects: [{ ...integration, displayName: 'cluster', testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'] }],
};
