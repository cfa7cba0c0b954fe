export { blockedRange, leastBusyStaff } from './assignment';
export type { LeastBusyQuery } from './assignment';
export { computeSlots, nearestSlots, offeredSlotAt } from './slots';
export type { BlockedRange, Slot, SlotPolicy, SlotQuery, SlotService, SlotStaff } from './slots';
export { workingIntervals } from './working-intervals';
export type { ScheduleOverride } from './working-intervals';
export { localTimeToInstant } from './zone-clock';
export * from './validation';
