"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { apiFetch } from "@/lib/queries/fetch";
import type { availableProviders, entrySyncStates, SerializedConnection, serializeEvent, serializeJob } from "@/lib/integrations/service";
import type { ConnectionWorkTypes } from "@/lib/integrations/work-types";
import type { UpdateIntegrationInput } from "@/lib/integrations/schema";
import { keys } from "@/lib/queries/keys";
import { useInvalidate } from "@/lib/queries/sync";
import { toastError } from "@/lib/stores/toasts";

// Server state of integrations, through /api/v1/integrations (what third parties use too).

export type Connection = SerializedConnection & { next_sync_at: string | null; work_types: ConnectionWorkTypes | null };
export type ProviderInfo = ReturnType<typeof availableProviders>[number] & { redirect_uri: string };
export type Job = ReturnType<typeof serializeJob>;
export type SyncEvent = ReturnType<typeof serializeEvent>;
export type EntrySyncState = Awaited<ReturnType<typeof entrySyncStates>>[number];

export const integrationKeys = {
  all: ["integrations"] as const,
  job: (connectionId: number, jobId: number) => ["integrations", "job", connectionId, jobId] as const,
  events: (connectionId: number) => ["integrations", "events", connectionId] as const,
  entryStates: ["entry-sync"] as const,
};

const jobOf = (r: Promise<{ job: Job }>) => r.then((b) => b.job);

export const isFinished = (job: Pick<Job, "status">) => job.status === "succeeded" || job.status === "failed";

/** The user's connections; `initial` (from the server render) replaces what the cache held before. */
export function useConnections(initial?: Connection[]) {
  const client = useQueryClient();
  const seeded = useRef(false);
  if (initial && !seeded.current) {
    seeded.current = true;
    client.setQueryData(integrationKeys.all, initial);
  }
  return useQuery({
    queryKey: integrationKeys.all,
    queryFn: () => apiFetch<{ integrations: Connection[] }>("/integrations").then((b) => b.integrations),
    initialData: initial,
    refetchInterval: 30_000,
  });
}

/** A job's progress, asked every second until it is finished. */
export function useJob(connectionId: number, jobId: number | null) {
  return useQuery({
    queryKey: integrationKeys.job(connectionId, jobId ?? 0),
    queryFn: () => jobOf(apiFetch(`/integrations/${connectionId}/jobs/${jobId}`)),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data) ? false : 1000),
  });
}

export function useEvents(connectionId: number, enabled: boolean) {
  return useQuery({ queryKey: integrationKeys.events(connectionId), queryFn: () => apiFetch<{ events: SyncEvent[] }>(`/integrations/${connectionId}/events?limit=100`).then((b) => b.events), enabled, refetchInterval: enabled ? 15_000 : false });
}

/** "Sync now", "Import projects now" or (an activity source's) "Import activity now": resolves with the queued job. */
export function useStartJob(kind: "sync" | "import_projects" | "import") {
  return useMutation({
    mutationFn: (connectionId: number) => jobOf(apiFetch(`/integrations/${connectionId}/${kind === "sync" ? "sync" : "import"}`, { method: "POST" })),
    onError: (e) => toastError(e, kind === "sync" ? "The sync did not start:" : "The import did not start:"),
  });
}

/** Connects a provider with an API key (or its settings alone); the list of connections refreshes. */
export function useConnectWithKey(provider: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { api_key?: string; settings: Record<string, string> }) =>
      apiFetch<{ integration: Connection }>(`/integrations/providers/${encodeURIComponent(provider)}/connect`, { method: "POST", body }).then((b) => b.integration),
    onSuccess: () => invalidate([integrationKeys.all, keys.projects]),
  });
}

/** The connection's default work type or a project's override (PATCH /integrations/{id} work_types). */
export function useUpdateWorkTypes(connectionId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (workTypes: NonNullable<UpdateIntegrationInput["work_types"]>) => apiFetch(`/integrations/${connectionId}`, { method: "PATCH", body: { work_types: workTypes } }),
    onSuccess: () => invalidate([integrationKeys.all]),
    onError: (e) => toastError(e, "The work type was not changed:"),
  });
}

export function useDisconnect() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (connectionId: number) => apiFetch(`/integrations/${connectionId}`, { method: "DELETE" }),
    onSuccess: () => invalidate([integrationKeys.all, keys.projects, integrationKeys.entryStates]),
    onError: (e) => toastError(e, "Not disconnected:"),
  });
}

/**
 * The sync state of the given entries, in one request; none when there are no ids (no entry in an
 * imported project). Asked again every 2 s while one of them is waiting for its push.
 */
export function useEntrySyncStates(entries: { id: number; updated_at: string }[]) {
  const signature = entries.map((e) => `${e.id}@${e.updated_at}`).join(",");
  const query = useQuery({
    queryKey: [...integrationKeys.entryStates, signature],
    queryFn: () =>
      apiFetch<{ entries: EntrySyncState[] }>(`/integrations/entries?entry_ids=${entries.map((e) => e.id).join(",")}`).then((b) => b.entries),
    enabled: entries.length > 0,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.some((s) => s.state === "pending") ? 2000 : false),
  });
  // Without entries to ask about there are no states (not the previous answer kept as a placeholder).
  return entries.length > 0 ? query.data : undefined;
}

export function useRetryEntrySync() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (entryId: number) => apiFetch(`/integrations/entries/${entryId}/retry`, { method: "POST" }),
    onSuccess: () => invalidate([integrationKeys.entryStates, integrationKeys.all]),
    onError: (e) => toastError(e, "Not retried:"),
  });
}

/** Which entries a connection receives (PATCH /integrations/{id} {routing}). */
export function useUpdateRouting() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, rule }: { id: number; rule: Connection["routing"]["rule"] }) =>
      apiFetch<{ integration: Connection }>(`/integrations/${id}`, { method: "PATCH", body: { routing: { rule } } }).then((b) => b.integration),
    onSuccess: () => invalidate([integrationKeys.all, integrationKeys.entryStates]),
    onError: (e) => toastError(e, "Not changed:"),
  });
}
