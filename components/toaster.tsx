"use client";

import { Suspense } from "react";
import { lazyNamed, useOnceTrue, usePreloadWhenIdle } from "@/components/ui/lazy";
import { useToasts } from "@/lib/stores/toasts";

// The toasts' own code (holding on hover and focus, the Undo shortcut) loads once the page is idle, or
// with the first toast if that comes sooner: the live region is on the page from its first paint, so
// what appears in it later is announced.
const ToastList = lazyNamed(() => import("./toast-list"), "ToastList");

/** Where toasts appear; announced politely to screen readers. */
export function Toaster() {
  const shown = useOnceTrue(useToasts((s) => s.toasts.length > 0));
  usePreloadWhenIdle(ToastList);
  return (
    <div className="toaster" aria-live="polite">
      {shown && (
        <Suspense>
          <ToastList />
        </Suspense>
      )}
    </div>
  );
}
