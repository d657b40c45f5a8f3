"use client";

import { lazy, useEffect, useState, type ComponentType } from "react";

/**
 * A component whose code loads when it first renders (React.lazy, wrapped in <Suspense>), for what a page
 * does not show at first: dialogs, popovers. `preload()` fetches the code ahead of need. React.lazy
 * rather than next/dynamic, which adds ~2 kB of its own to the page.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  let loading: Promise<M> | undefined;
  const get = () => (loading ??= load());
  return Object.assign(
    lazy(() => get().then((m) => ({ default: m[name] }))),
    { preload: () => void get().catch(() => (loading = undefined)) },
  );
}

/**
 * Loads the given lazy components' code once the page has shown and the browser is idle, so the first
 * use (a key pressed right after opening a picker) does not wait for the network.
 */
export function usePreloadWhenIdle(...components: { preload: () => void }[]) {
  useEffect(() => {
    const load = () => components.forEach((c) => c.preload());
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(load, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(load, 500);
    return () => clearTimeout(id);
    // The components are module constants: once is enough.
  }, []);
}

/** True from the first render `value` is true on: mounts a lazy dialog when first wanted, then keeps it (it closes as a dialog). */
export function useOnceTrue(value: boolean): boolean {
  const [seen, setSeen] = useState(value);
  if (value && !seen) setSeen(true);
  return seen || value;
}
