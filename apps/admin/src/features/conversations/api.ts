import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChatRequest,
  ChatResponse,
  ConversationDetail,
  ConversationList,
  ConversationMessage,
  ConversationSummary,
  ListConversationsQuery,
  StaffReplyRequest,
} from '@frontdesk/contracts';
import { ApiError } from '../../app/api-client';
import { useTenantScope } from '../../app/tenant-scope';
import { availabilityKeys, bookingKeys } from '../bookings/keys';

export const conversationKeys = {
  all: (tenantId: string) => ['tenant', tenantId, 'conversations'] as const,
  list: (tenantId: string, filters: ListConversationsQuery) => [...conversationKeys.all(tenantId), 'list', filters] as const,
  detail: (tenantId: string, id: string) => [...conversationKeys.all(tenantId), 'detail', id] as const,
};

/** The inbox polls: customers write in at any time. */
const POLL_MS = 10_000;

export function useConversations(filters: ListConversationsQuery = {}) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: conversationKeys.list(tenantId, filters),
    queryFn: () => api.get<ConversationList>('/conversations', { ...filters }),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}

export function useConversation(id: string | undefined) {
  const { tenantId, api } = useTenantScope();
  return useQuery({
    queryKey: conversationKeys.detail(tenantId, id ?? ''),
    queryFn: () => api.get<ConversationDetail>(`/conversations/${id}`),
    enabled: Boolean(id),
    refetchInterval: POLL_MS,
  });
}

function useInvalidateConversations() {
  const { tenantId } = useTenantScope();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: conversationKeys.all(tenantId) });
}

export function useReplyToConversation() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateConversations();
  return useMutation({
    mutationFn: ({ id, text }: StaffReplyRequest & { id: string }) =>
      api.post<ConversationMessage>(`/conversations/${id}/reply`, { text }),
    onSuccess: invalidate,
  });
}

export function useSetBotPaused() {
  const { api } = useTenantScope();
  const invalidate = useInvalidateConversations();
  return useMutation({
    mutationFn: ({ id, paused }: { id: string; paused: boolean }) =>
      api.post<ConversationSummary>(`/conversations/${id}/${paused ? 'pause' : 'resume'}`),
    onSuccess: invalidate,
  });
}

/**
 * The playground speaks to the public chat endpoint as a customer's phone (`from`), exactly as
 * if the messages came by SMS; the API takes `from` only with the signed-in user's token.
 */
export function useSendChat(slug: string) {
  const { api, tenantId } = useTenantScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ChatRequest) => api.post<ChatResponse>(`/public/${slug}/chat`, request),
    // A chat may book, move or cancel an appointment as well as add to a thread.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationKeys.all(tenantId) }),
        queryClient.invalidateQueries({ queryKey: bookingKeys.all(tenantId) }),
        queryClient.invalidateQueries({ queryKey: availabilityKeys.all(tenantId) }),
      ]),
  });
}

/** An API without the conversation inbox answers its routes with a plain 404: the pages say so rather than fail. */
export function inboxUnavailable(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === 'not_found';
}
