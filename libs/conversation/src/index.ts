export * from './understanding';
export * from './machine';
// Both halves name the same 'en' | 'es' union; say which one the package exports.
export type { Language } from './understanding';
