import type {
  ChangePasswordBody,
  Me,
  NotificationPreferences,
  OutboxList,
  PasswordResetConfirmBody,
  SessionResponse,
  TeamWebhook,
  Unsubscribed,
  UpdateNotificationPreferencesBody,
  UpdateProfileBody,
} from '@leeway/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys, startSession } from './auth.queries.ts';
import { api } from './client.ts';

export const accountKeys = {
  notifications: ['me', 'notifications'] as const,
  unsubscribe: (token: string) => ['unsubscribe', token] as const,
  outbox: ['outbox'] as const,
  webhook: (teamId: string) => ['teams', teamId, 'webhook'] as const,
};

export const notificationPreferences = () =>
  queryOptions({
    queryKey: accountKeys.notifications,
    queryFn: ({ signal }) => api<NotificationPreferences>('/api/me/notifications', { signal }),
  });

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesBody) =>
      api<NotificationPreferences>('/api/me/notifications', { method: 'PATCH', body }),
    onSuccess: (prefs) => queryClient.setQueryData(accountKeys.notifications, prefs),
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProfileBody) => api<Me>('/api/me', { method: 'PATCH', body }),
    onSuccess: (me) => queryClient.setQueryData(authKeys.me, me),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) =>
      api<SessionResponse>('/api/me/password', { method: 'POST', body }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api<{ message: string }>('/api/auth/password-reset', { method: 'POST', body: { email } }),
  });
}

export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordResetConfirmBody) =>
      api<SessionResponse>('/api/auth/password-reset/confirm', { method: 'POST', body }),
    onSuccess: () => startSession(queryClient),
  });
}

export const unsubscribeInfo = (token: string) =>
  queryOptions({
    queryKey: accountKeys.unsubscribe(token),
    queryFn: ({ signal }) =>
      api<Unsubscribed>('/api/notifications/unsubscribe', { query: { token }, signal }),
    retry: false,
  });

export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) =>
      api<Unsubscribed>('/api/notifications/unsubscribe', { method: 'POST', body: { token } }),
  });
}

export const outboxMessages = () =>
  queryOptions({
    queryKey: accountKeys.outbox,
    queryFn: ({ signal }) => api<OutboxList>('/api/outbox', { query: { limit: 200 }, signal }),
  });

export const teamWebhook = (teamId: string) =>
  queryOptions({
    queryKey: accountKeys.webhook(teamId),
    queryFn: ({ signal }) => api<TeamWebhook>(`/api/teams/${teamId}/webhook`, { signal }),
  });

export function useSetTeamWebhook(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (url: string | null): Promise<void> => {
      if (url === null) await api<void>(`/api/teams/${teamId}/webhook`, { method: 'DELETE' });
      else await api<TeamWebhook>(`/api/teams/${teamId}/webhook`, { method: 'PUT', body: { url } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.webhook(teamId) }),
  });
}
