"use client";

import { Suspense } from "react";
import { lazyNamed } from "@/components/ui/lazy";
import { useToastPushed } from "@/lib/stores/toast-error";

// The toasts' own code (their store, holding on hover and focus, the Undo shortcut) loads alongside the
// page's, not with it: the live region is on the page from its first paint, so what appears in it later
// is announced. Not later than that either: an error right after load (the network gone) must be shown.
const ToastList = lazyNamed(() => import("./toast-list"), "ToastList");
ToastList.preload();

/** Where toasts appear; announced politely to screen readers. */
export function Toaster() {
  const shown = useToastPushed();
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
