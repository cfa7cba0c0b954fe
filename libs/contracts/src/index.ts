export * from './catalog';
export * from './errors';
export * from './bookings';
export * from './customers';
export * from './conversations';
export * from './public';
export * from './deposits';
export * from './reminders';
