"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { useApiMutation } from "./mutation";
import type { Tag } from "./types";

export function useTags() {
  return useQuery({ queryKey: keys.tags, queryFn: () => apiFetch<{ tags: Tag[] }>("/tags").then((r) => r.tags) });
}

export function useCreateTag() {
  return useApiMutation((name: string) => apiFetch<{ tag: Tag }>("/tags", { method: "POST", body: { name } }).then((r) => r.tag), [keys.tags]);
}

export function useRenameTag() {
  return useApiMutation(({ id, name }: { id: number; name: string }) => apiFetch(`/tags/${id}`, { method: "PATCH", body: { name } }), [keys.tags, keys.entries, keys.timer]);
}

export function useDeleteTag() {
  return useApiMutation((id: number) => apiFetch(`/tags/${id}`, { method: "DELETE" }), [keys.tags, keys.entries, keys.timer]);
}
