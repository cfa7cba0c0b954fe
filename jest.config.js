// One jest run covers every suite: pure unit specs and integration specs that
// boot Nest against an embedded Postgres (see test/global-setup.mjs).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  transform: { '^.+\\.(t|j)s$': swc },
  // Nest 12 ships ES modules only; jest needs them transformed to CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|load-esm|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|content-disposition|cookie)/)',
  ],
  moduleNameMapper: {
    '^@frontdesk/(contracts|scheduling|policies|conversation)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
};

module.exports = {
  // A global option (jest ignores it per project): integration hooks boot Nest and copy a
  // database, which takes seconds on a busy 2-core machine.
  testTimeout: 60000,
  // Jest's default (cores − 1) runs every file in one worker on a 2-core CI machine; integration
  // files spend part of their time waiting on Postgres, so a worker per core keeps both busy.
  maxWorkers: '100%',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/apps/api/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
    },
  ],
};
