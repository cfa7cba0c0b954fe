import { useQuery } from '@tanstack/react-query';
import type { ReminderList } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { bookingKeys } from './keys';

export function useBookingReminders(bookingId: string) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: bookingKeys.reminders(tenantId, bookingId),
    queryFn: () => api.get<ReminderList>(`/bookings/${bookingId}/reminders`),
  });
}
