export { MAX_ATTEMPTS, step } from './step';
export * from './types';
