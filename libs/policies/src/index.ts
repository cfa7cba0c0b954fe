export * from './booking-policy';
export * from './booking-status';
export * from './deposit-policy';
export * from './reminder-plan';
export * from './reminder-delivery';
export * from './no-show-risk';
