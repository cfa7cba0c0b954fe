export { MAX_ATTEMPTS, step } from './step';
export { resumeMemory } from './memory';
export * from './types';
