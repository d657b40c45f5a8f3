"use client";

import { useLayoutEffect, useState, useSyncExternalStore } from "react";

/**
 * Hands a part of a page whose code loads after the page (a lazy component the server rendered) the
 * values it shows, without passing them as props. React keeps a server-rendered Suspense boundary as
 * HTML until its code arrives; new props before then make it throw that HTML away and show the empty
 * fallback (a flash). So the lazy part gets one stable store (its boundary never re-renders from the
 * parent) and reads the values from it once its code runs.
 */
export type LaterStore<T> = { first: T; get(): T; subscribe(listener: () => void): () => void };

/** In the page: `value` as it is in each render (published after the render commits, before paint). */
export function useLaterStore<T>(value: T): LaterStore<T> {
  const [store] = useState(() => {
    let current = value;
    const listeners = new Set<() => void>();
    return {
      first: value,
      get: () => current,
      subscribe(listener: () => void) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      set(next: T) {
        current = next;
        listeners.forEach((l) => l());
      },
    };
  });
  useLayoutEffect(() => store.set(value));
  return store;
}

/**
 * In the lazy part: the current value. While it hydrates it is the first one (what the server rendered
 * with), then React renders it again with the current one.
 */
export function useLaterValue<T>(store: LaterStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, () => store.first);
}
