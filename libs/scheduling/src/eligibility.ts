/** A staff member as far as who performs what is concerned. */
export interface EligibleStaff {
  id: string;
  performsAllServices: boolean;
  /** The services performed, when not all of them. */
  serviceIds: readonly string[];
}

/**
 * The staff members who may take a booking of `serviceId` (all who perform it, or only
 * `staffId` when one was asked for), in the order given: the one rule the booking endpoints,
 * availability and the conversation engine share.
 */
export function eligibleStaff<S extends EligibleStaff>(staff: readonly S[], serviceId: string, staffId?: string): S[] {
  return staff.filter(
    (s) => (staffId === undefined || s.id === staffId) && (s.performsAllServices || s.serviceIds.includes(serviceId)),
  );
}
