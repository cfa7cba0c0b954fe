export * from './catalog';
export * from './errors';
export * from './bookings';
