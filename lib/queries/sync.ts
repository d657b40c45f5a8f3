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

/**
 * Marks a query stale and fetches it again, also when its first fetch is still in flight. invalidateQueries
 * alone would join that fetch (TanStack cancels an in-flight fetch only for a query that already has data),
 * and it may have read the database before the change: a share link created while the dialog's list was
 * loading stayed "No links yet." Cancelling first makes the refetch a new request.
 */
function refetchFresh(client: QueryClient, queryKey: QueryKey): Promise<void> {
  return client.cancelQueries({ queryKey }).then(() => client.invalidateQueries({ queryKey }));
}

export function useCrossTabSync(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<{ keys: QueryKey[] }>) => {
      for (const queryKey of event.data.keys ?? []) void refetchFresh(client, queryKey);
    };
    return () => channel.close();
  }, [client]);
}

/** After a mutation: refetch what it touched here, and tell the other tabs. */
export function invalidateEverywhere(client: QueryClient, queryKeys: readonly QueryKey[]): void {
  for (const queryKey of queryKeys) void refetchFresh(client, queryKey);
  announceChange(queryKeys);
}

/** invalidateEverywhere with the page's query client. */
export function useInvalidate() {
  const client = useQueryClient();
  return (queryKeys: readonly QueryKey[]) => invalidateEverywhere(client, queryKeys);
}
