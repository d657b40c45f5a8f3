"use client";

import { MutationObserver, mutationOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { UpdateEntryInput } from "@/lib/entries/schema";
import { toastError } from "@/lib/stores/toast-error";
import { apiFetch } from "./fetch";
import { entryRelated, keys } from "./keys";
import { invalidateEverywhere } from "./sync";
import type { TimerStatus } from "./timer";
import type { Entry } from "./types";

// Apart from entries.ts (which re-exports useUpdateEntry): the timer bar loads this module on its first
// change to the running session, and a module ships whole, with every hook any page uses.

export type EntryPatch = UpdateEntryInput & { id: number };

function applyPatch(entry: Entry, patch: EntryPatch): Entry {
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
 * An edit of an entry (running or saved). Name, billable and tags show at once; if the server refuses, they
 * return to what they were and field errors are left to the form that asked; other errors become a
 * toast, unless `inlineErrors` says the caller shows every error itself (the Reports page's rows).
 */
function updateEntryOptions(client: QueryClient, inlineErrors: boolean) {
  return mutationOptions({
    mutationFn: ({ id, ...input }: EntryPatch) => apiFetch<{ time_entry: Entry }>(`/time-entries/${id}`, { method: "PATCH", body: input }).then((r) => r.time_entry),
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
    onSettled: () => invalidateEverywhere(client, entryRelated),
  });
}

/** Edits an entry from a component (see updateEntryOptions). */
export function useUpdateEntry({ inlineErrors = false }: { inlineErrors?: boolean } = {}) {
  const client = useQueryClient();
  return useMutation(updateEntryOptions(client, inlineErrors));
}

/**
 * The same edit, outside a component: the timer bar saves changes to the running session with it once
 * this module has loaded. It is a mutation of the cache like any other (what watches saves sees it).
 */
export function updateEntry(client: QueryClient, patch: EntryPatch): void {
  // Failures are handled by onError (rolled back, said); the promise must not reject unheard.
  new MutationObserver(client, updateEntryOptions(client, false)).mutate(patch).catch(() => {});
}
