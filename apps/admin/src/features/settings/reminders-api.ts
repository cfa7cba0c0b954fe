import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReminderSettings } from '@frontdesk/contracts';
import { useTenantScope } from '../../app/tenant-scope';
import { settingsKeys } from './api';

const reminderKeys = {
  settings: (tenantId: string) => [...settingsKeys.all(tenantId), 'reminders'] as const,
};

export function useReminderSettings() {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: reminderKeys.settings(tenantId),
    queryFn: () => api.get<ReminderSettings>('/settings/reminders'),
  });
}

export function useSaveReminderSettings() {
  const { tenantId, api } = useTenantScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ReminderSettings) => api.put<ReminderSettings>('/settings/reminders', settings),
    onSuccess: (saved) => queryClient.setQueryData(reminderKeys.settings(tenantId), saved),
  });
}
