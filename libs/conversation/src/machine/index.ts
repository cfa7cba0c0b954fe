export { MAX_ATTEMPTS, step } from './step';
export { resumeMemory } from './memory';
export { CODE_TTL_MINUTES, MAX_CODES_PER_SESSION, MAX_WRONG_CODES } from './visitor';
export * from './types';
