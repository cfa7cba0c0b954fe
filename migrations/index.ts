import { CreateFoundation1795320000000 } from './1795320000000-CreateFoundation';

/** Every migration, in order. New migrations are appended here. */
export const migrations = [CreateFoundation1795320000000];
