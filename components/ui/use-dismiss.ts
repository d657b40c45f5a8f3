"use client";

import { useEffect, type RefObject } from "react";

/**
 * Closes an open menu or popover the way people expect: Escape closes it and puts focus back on the button
 * that opened it; a press outside `container` closes it.
 */
export function useDismiss(open: boolean, close: () => void, container: RefObject<HTMLElement | null>, toggle: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      close();
      toggle.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (container.current && !container.current.contains(e.target as Node)) close();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, close, container, toggle]);
}
