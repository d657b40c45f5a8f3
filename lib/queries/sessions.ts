"use client";

import { useQuery } from "@tanstack/react-query";
import type { serializeSession } from "@/lib/auth/sessions";
import { apiFetch } from "./fetch";
import { useApiMutation } from "./mutation";

export type SessionInfo = ReturnType<typeof serializeSession>;
const sessionsKey = ["sessions"] as const;

export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => apiFetch<{ sessions: SessionInfo[] }>("/users/me/sessions").then((r) => r.sessions) });
}

export function useRevokeSession() {
  return useApiMutation((id: number) => apiFetch(`/users/me/sessions/${id}`, { method: "DELETE" }), [sessionsKey], { errorPrefix: "The session was not ended:" });
}

export function useRevokeOtherSessions() {
  return useApiMutation(() => apiFetch<{ revoked: number }>("/users/me/sessions", { method: "DELETE" }), [sessionsKey], { errorPrefix: "The other sessions were not ended:" });
}
