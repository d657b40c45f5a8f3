"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateEntryInput } from "@/lib/entries/schema";
import { toastError, useToasts } from "@/lib/stores/toasts";
import { apiFetch } from "./fetch";
import { entryRelated, keys } from "./keys";
import { useInvalidate } from "./sync";
import type { TimerStatus } from "./timer";
import type { Entry, Pagination } from "./types";

// useUpdateEntry is in entry-update.ts: the Timer page's first load needs it, not the rest of this file.
export { useUpdateEntry } from "./entry-update";

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

/** Throws away the running session (started by mistake): nothing is saved. */
export function useDiscardTimer() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => apiFetch(`/time-entries/${id}`, { method: "DELETE" }),
    networkMode: "always",
    onMutate: () => {
      const previous = client.getQueryData<TimerStatus>(keys.timer);
      client.setQueryData<TimerStatus>(keys.timer, { active: false, timer: null });
      return { previous };
    },
    onError: (error, _id, context) => {
      client.setQueryData(keys.timer, context?.previous);
      toastError(error, "The timer was not discarded:");
    },
    onSettled: () => invalidate(entryRelated),
  });
}
