"use client";

import { useQuery } from "@tanstack/react-query";
import type { AcceptSuggestionInput, SuggestionRulesInput } from "@/lib/suggestions/schema";
import { fetchAllPages } from "./all-pages";
import { apiFetch } from "./fetch";
import { entryRelated, keys } from "./keys";
import { useApiMutation } from "./mutation";
import type { Entry, Pagination, Suggestion, SuggestionRules } from "./types";

export type SuggestionStatus = "pending" | "accepted" | "ignored";

/** The review inbox: every suggestion of one status, oldest first. */
export function useSuggestions(status: SuggestionStatus) {
  // Imports run in the background (every 30 minutes): new suggestions show up without a reload.
  return useQuery({ queryKey: [...keys.suggestions, "list", status], queryFn: () => fetchAllPages<"suggestions", Suggestion>(`/suggestions?status=${status}`, "suggestions"), refetchInterval: 60_000 });
}

// Deciding changes the inbox, the badge, and (accepting) the entries with everything counted from them.
const decided = [keys.suggestions, ...entryRelated];

export function useAcceptSuggestion() {
  return useApiMutation(
    ({ id, ...body }: AcceptSuggestionInput & { id: number }) => apiFetch<{ time_entry: Entry }>(`/suggestions/${id}/accept`, { method: "POST", body }).then((r) => r.time_entry),
    [...decided, keys.suggestionRules],
  );
}

export function useAcceptSuggestions() {
  return useApiMutation((ids: number[]) => apiFetch<{ time_entries: Entry[] }>("/suggestions/accept", { method: "POST", body: { ids } }).then((r) => r.time_entries), decided);
}

export function useIgnoreSuggestion() {
  return useApiMutation((id: number) => apiFetch<{ suggestion: Suggestion }>(`/suggestions/${id}/ignore`, { method: "POST" }).then((r) => r.suggestion), [keys.suggestions]);
}

export function useRestoreSuggestion() {
  return useApiMutation((id: number) => apiFetch<{ suggestion: Suggestion }>(`/suggestions/${id}/restore`, { method: "POST" }).then((r) => r.suggestion), [keys.suggestions]);
}

export function useSuggestionRules() {
  return useQuery({ queryKey: keys.suggestionRules, queryFn: () => apiFetch<{ rules: SuggestionRules }>("/suggestions/rules").then((r) => r.rules) });
}

/** Saving rules re-shapes the pending suggestions of the last month: the inbox follows. */
export function useUpdateSuggestionRules() {
  return useApiMutation(
    (input: SuggestionRulesInput) => apiFetch<{ rules: SuggestionRules }>("/suggestions/rules", { method: "PUT", body: input }).then((r) => r.rules),
    [keys.suggestionRules, keys.suggestions],
  );
}
