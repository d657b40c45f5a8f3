"use client";

import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";

// Other open tabs learn of a change at once (BroadcastChannel), besides refetching on focus and on an
// interval: two tabs never disagree for long.
const CHANNEL = "stint-sync";

export function announceChange(queryKeys: readonly QueryKey[]): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ keys: queryKeys });
  channel.close();
}

export function useCrossTabSync(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<{ keys: QueryKey[] }>) => {
      for (const queryKey of event.data.keys ?? []) void client.invalidateQueries({ queryKey });
    };
    return () => channel.close();
  }, [client]);
}

/** After a mutation: refetch what it touched here, and tell the other tabs. */
export function invalidateEverywhere(client: QueryClient, queryKeys: readonly QueryKey[]): void {
  for (const queryKey of queryKeys) void client.invalidateQueries({ queryKey });
  announceChange(queryKeys);
}

/** invalidateEverywhere with the page's query client. */
export function useInvalidate() {
  const client = useQueryClient();
  return (queryKeys: readonly QueryKey[]) => invalidateEverywhere(client, queryKeys);
}
