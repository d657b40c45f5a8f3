"use client";

import { lazy, useEffect, useState, type ComponentType } from "react";

/** A promise-like that calls back at once: what React.lazy reads without suspending. */
const settled = <T>(value: T) => ({ then: (resolve: (v: T) => void) => resolve(value) }) as unknown as Promise<T>;

/**
 * A component whose code loads when it first renders (React.lazy, wrapped in <Suspense>), for what a page
 * does not show at first: dialogs, popovers. `preload()` fetches the code ahead of need. React.lazy
 * rather than next/dynamic, which adds ~2 kB of its own to the page.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  let loading: Promise<M> | undefined;
  let loaded: M | undefined;
  const get = () => (loading ??= load().then((m) => (loaded = m)));
  return Object.assign(
    // Code already loaded (preloaded) renders at once: a thenable that answers synchronously lets React
    // render it in the same pass (a promise, even a settled one, would suspend once).
    lazy(() => (loaded ? settled({ default: loaded[name] }) : get().then((m) => ({ default: m[name] })))),
    { preload: () => void get().catch(() => (loading = undefined)) },
  );
}

/**
 * Loads the given lazy components' code once the page has shown and the browser is idle, so the first
 * use (a key pressed right after opening a picker) does not wait for the network.
 */
export function usePreloadWhenIdle(...components: { preload: () => void }[]) {
  usePreloadWhenIdleAfter(true, ...components);
}

/**
 * The same, from the first render `ready` is true on (a page's data on screen): the browser is idle while
 * a page waits for its data too, and code evaluated then competes for the CPU with the data's arrival
 * (with the server too, when it runs on the same computer).
 */
export function usePreloadWhenIdleAfter(ready: boolean, ...components: { preload: () => void }[]) {
  useEffect(() => {
    if (!ready) return;
    const load = () => components.forEach((c) => c.preload());
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(load, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(load, 500);
    return () => clearTimeout(id);
    // The components are module constants: `ready` is all that changes.
  }, [ready]);
}

/** True from the first render `value` is true on: mounts a lazy dialog when first wanted, then keeps it (it closes as a dialog). */
export function useOnceTrue(value: boolean): boolean {
  const [seen, setSeen] = useState(value);
  if (value && !seen) setSeen(true);
  return seen || value;
}
