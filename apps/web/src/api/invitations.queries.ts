import type {
  AcceptInvitationBody,
  CreatedInvitation,
  CreateInvitationBody,
  ImportReport,
  InvitationList,
  InvitationPreview,
  SessionResponse,
} from '@leeway/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { startSession } from './auth.queries.ts';
import { api } from './client.ts';
import { teamKeys } from './teams.queries.ts';

export const invitationKeys = {
  all: ['invitations'] as const,
  list: () => [...invitationKeys.all, 'list'] as const,
  preview: (token: string) => [...invitationKeys.all, 'preview', token] as const,
};

export const invitationList = () =>
  queryOptions({
    queryKey: invitationKeys.list(),
    queryFn: ({ signal }) => api<InvitationList>('/api/invitations', { signal }),
    select: (data) => data.invitations,
  });

export const invitationPreview = (token: string) =>
  queryOptions({
    queryKey: invitationKeys.preview(token),
    queryFn: ({ signal }) =>
      api<InvitationPreview>('/api/invitations/preview', { query: { token }, signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationBody) =>
      api<CreatedInvitation>('/api/invitations', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.all }),
  });
}

export function useImportInvitations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) =>
      api<ImportReport>('/api/invitations/import', { method: 'POST', body: { csv } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: invitationKeys.all });
      queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) =>
      api<SessionResponse>('/api/invitations/accept', { method: 'POST', body }),
    onSuccess: () => startSession(queryClient),
  });
}

/** A new link for a pending or expired invitation; the old one stops working. */
export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<CreatedInvitation>(`/api/invitations/${encodeURIComponent(id)}/resend`, {
        method: 'POST',
      }),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: invitationKeys.all });
      queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

/** Revokes a pending or expired invitation: its link stops working. */
export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: invitationKeys.all });
      queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
