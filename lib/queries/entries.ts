"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateEntryInput, UpdateEntryInput } from "@/lib/entries/schema";
import { toastError, useToasts } from "@/lib/stores/toasts";
import { apiFetch } from "./fetch";
import { entryRelated, keys } from "./keys";
import { useInvalidate } from "./sync";
import type { TimerStatus } from "./timer";
import type { Entry, Pagination } from "./types";

/** Every entry overlapping the local dates [from, to] (both inclusive), newest first. */
export function useEntriesBetween(from: string, to: string, userId?: number) {
  return useQuery({
    queryKey: userId === undefined ? keys.entriesOfRange(from, to) : [...keys.entriesOfRange(from, to), "user", userId],
    queryFn: async () => {
      const all: Entry[] = [];
      for (let page = 1; ; page++) {
        const res = await apiFetch<{ time_entries: Entry[]; pagination: Pagination }>(
          `/time-entries?start_date=${from}&end_date=${to}&include_active=true&per_page=100&page=${page}${userId === undefined ? "" : `&user_id=${userId}`}`,
        );
        all.push(...res.time_entries);
        if (!res.pagination.has_next) return all;
      }
    },
    refetchInterval: 30_000,
  });
}

export function useCreateEntry() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateEntryInput) => apiFetch<{ time_entry: Entry }>("/time-entries", { method: "POST", body: input }).then((r) => r.time_entry),
    onSuccess: () => invalidate(entryRelated),
  });
}

type Patch = UpdateEntryInput & { id: number };

function applyPatch(entry: Entry, patch: Patch): Entry {
  const tags = patch.tags === undefined ? entry.tag_list : typeof patch.tags === "string" ? patch.tags.split(",").map((t) => t.trim()).filter(Boolean) : patch.tags;
  return {
    ...entry,
    notes: patch.notes?.trim() ?? entry.notes,
    billable: patch.billable ?? entry.billable,
    tag_list: tags,
    tags: tags.join(","),
  };
}

/**
 * Edits an entry (running or saved). Name, billable and tags show at once; if the server refuses, they
 * return to what they were and field errors are left to the form that asked; other errors become a
 * toast, unless `inlineErrors` says the caller shows every error itself (the Reports page's rows).
 */
export function useUpdateEntry({ inlineErrors = false }: { inlineErrors?: boolean } = {}) {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: Patch) => apiFetch<{ time_entry: Entry }>(`/time-entries/${id}`, { method: "PATCH", body: input }).then((r) => r.time_entry),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: keys.entries });
      await client.cancelQueries({ queryKey: keys.timer });
      const lists = client.getQueriesData<Entry[]>({ queryKey: keys.entries });
      const timer = client.getQueryData<TimerStatus>(keys.timer);
      client.setQueriesData<Entry[]>({ queryKey: keys.entries }, (old) => old?.map((e) => (e.id === patch.id ? applyPatch(e, patch) : e)));
      if (timer?.timer?.id === patch.id) client.setQueryData<TimerStatus>(keys.timer, { ...timer, timer: applyPatch(timer.timer, patch) });
      return { lists, timer };
    },
    onError: (error, _patch, context) => {
      for (const [key, data] of context?.lists ?? []) client.setQueryData(key, data);
      client.setQueryData(keys.timer, context?.timer);
      const fields = (error as { fields?: Record<string, unknown> }).fields;
      if (!inlineErrors && (!fields || Object.keys(fields).length === 0)) toastError(error, "The change was not saved:");
    },
    onSettled: () => invalidate(entryRelated),
  });
}

/**
 * Delete with undo. The DELETE goes out at once, so other tabs and API clients see the entry gone and
 * closing the page cannot bring it back; "Undo" asks the server to restore it (same id, project, task
 * and tags; it keeps deleted entries for 10 minutes).
 */
export function useDeleteEntryWithUndo() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  const push = useToasts((s) => s.push);
  const dismiss = useToasts((s) => s.dismiss);

  return (entry: Entry) => {
    void client.cancelQueries({ queryKey: keys.entries });
    const lists = client.getQueriesData<Entry[]>({ queryKey: keys.entries });
    const putBack = () => {
      for (const [key, data] of lists) client.setQueryData(key, data);
    };
    client.setQueriesData<Entry[]>({ queryKey: keys.entries }, (old) => old?.filter((e) => e.id !== entry.id));
    let toastId = 0;
    const deleted = apiFetch(`/time-entries/${entry.id}`, { method: "DELETE", keepalive: true }).then(
      () => {
        invalidate(entryRelated);
        return true;
      },
      (error: unknown) => {
        dismiss(toastId, "action");
        putBack();
        invalidate(entryRelated);
        toastError(error, "The entry was not deleted:");
        return false;
      },
    );
    toastId = push({
      message: `Deleted “${entry.notes || "(no name)"}”`,
      action: {
        label: "Undo",
        onClick: () => {
          void (async () => {
            // An Undo faster than the DELETE waits for it: restoring needs the deletion on the server.
            if (!(await deleted)) return;
            putBack();
            try {
              // keepalive: the entry shows again at once, so leaving or reloading the page right after Undo
              // must not cancel the request that brings it back.
              await apiFetch(`/time-entries/${entry.id}/restore`, { method: "POST", keepalive: true });
            } catch (error) {
              toastError(error, "The entry was not restored:");
            }
            invalidate(entryRelated);
          })();
        },
      },
    });
  };
}
