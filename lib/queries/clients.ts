"use client";

import { useQuery } from "@tanstack/react-query";
import type { CreateClientInput, UpdateClientInput } from "@/lib/clients/schema";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { useApiMutation } from "./mutation";
import type { Client, Pagination } from "./types";

export function useClients() {
  return useQuery({
    queryKey: keys.clients,
    queryFn: async () => {
      const all: Client[] = [];
      for (let page = 1; ; page++) {
        const res = await apiFetch<{ clients: Client[]; pagination: Pagination }>(`/clients?include_archived=true&per_page=100&page=${page}`);
        all.push(...res.clients);
        if (!res.pagination.has_next) return all;
      }
    },
  });
}

export function useCreateClient() {
  return useApiMutation((input: CreateClientInput) => apiFetch<{ client: Client }>("/clients", { method: "POST", body: input }).then((r) => r.client), [keys.clients]);
}

export function useUpdateClient() {
  return useApiMutation(
    ({ id, ...input }: UpdateClientInput & { id: number }) => apiFetch<{ client: Client }>(`/clients/${id}`, { method: "PATCH", body: input }).then((r) => r.client),
    [keys.clients, keys.projects, keys.entries, keys.overview],
  );
}

export function useDeleteClient() {
  return useApiMutation((id: number) => apiFetch(`/clients/${id}`, { method: "DELETE" }), [keys.clients, keys.projects, keys.entries, keys.overview]);
}
