export * from './booking-policy';
export * from './booking-status';
