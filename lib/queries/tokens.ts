"use client";

import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { createTokenRequestSchema } from "@/lib/tokens/schema";
import type { serializeToken } from "@/lib/tokens/service";
import { apiFetch } from "./fetch";
import { useApiMutation } from "./mutation";

export type ApiTokenInfo = ReturnType<typeof serializeToken>;
const tokensKey = ["tokens"] as const;

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => apiFetch<{ tokens: ApiTokenInfo[] }>("/tokens").then((r) => r.tokens) });
}

export function useCreateToken() {
  return useApiMutation(
    (input: z.input<typeof createTokenRequestSchema>) => apiFetch<{ token: string; api_token: ApiTokenInfo }>("/tokens", { method: "POST", body: input }),
    [tokensKey],
  );
}

export function useRevokeToken() {
  return useApiMutation((id: number) => apiFetch(`/tokens/${id}`, { method: "DELETE" }), [tokensKey], { errorPrefix: "The token was not revoked:" });
}
