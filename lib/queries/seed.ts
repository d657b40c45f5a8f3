"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";

export type QuerySeed = { key: QueryKey; data: unknown };

/**
 * Puts what the server rendered the page with into the cache before the page's queries read it, so
 * the first HTML holds the data and the browser does not ask for it again on load (the queries refetch
 * it when it goes stale, as usual). Data already in the cache (a later visit) is kept. A few lines instead of
 * React Query's HydrationBoundary, which the Timer page's first-load JavaScript cannot afford.
 */
export function useSeedQueries(seeds: QuerySeed[]) {
  const client = useQueryClient();
  useState(() => {
    const now = Date.now();
    for (const { key, data } of seeds) {
      if (client.getQueryState(key)?.status !== "success") client.setQueryData(key, data, { updatedAt: now });
    }
  });
}
