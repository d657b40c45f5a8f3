"use client";

import { create } from "zustand";
import { connectToastStore, noteToastPushed } from "./toast-error";

export { toastError } from "./toast-error";

export type Toast = {
  id: number;
  message: string;
  tone: "info" | "error";
  action?: { label: string; onClick: () => void };
  /** Called when the toast goes away without its action being used. */
  onExpire?: () => void;
  durationMs: number;
};

/** Why a toast is kept on screen past its time: the pointer is over it, or focus is in it. */
export type HoldReason = "hover" | "focus";

type ToastState = {
  toasts: Toast[];
  push(toast: Omit<Toast, "id" | "durationMs" | "tone"> & Partial<Pick<Toast, "durationMs" | "tone">>): number;
  dismiss(id: number, how: "action" | "expire" | "close"): void;
  /** Keeps a toast while it is hovered or focused (someone is reading it or about to press Undo). */
  hold(id: number, reason: HoldReason, held: boolean): void;
};

/** After a hold ends, a toast stays at least this long, so it does not vanish under a leaving pointer. */
export const MIN_AFTER_HOLD_MS = 2000;

// Each toast's countdown: running (a timeout), or paused with the time it has left.
type Countdown = { timeout?: ReturnType<typeof setTimeout>; remaining: number; since: number; holds: Set<HoldReason> };
const countdowns = new Map<number, Countdown>();

let nextId = 1;

/** Messages at the bottom of the screen (a failed save, "Entry deleted · Undo"). Client-only state. */
export const useToasts = create<ToastState>((set, get) => {
  const run = (id: number, c: Countdown, ms: number) => {
    c.remaining = ms;
    c.since = Date.now();
    c.timeout = setTimeout(() => get().dismiss(id, "expire"), ms);
  };
  return {
    toasts: [],
    push(toast) {
      const id = nextId++;
      const full: Toast = { tone: "info", durationMs: 6000, ...toast, id };
      set({ toasts: [...get().toasts, full] });
      noteToastPushed();
      const c: Countdown = { remaining: full.durationMs, since: 0, holds: new Set() };
      countdowns.set(id, c);
      run(id, c, full.durationMs);
      return id;
    },
    dismiss(id, how) {
      const toast = get().toasts.find((t) => t.id === id);
      if (!toast) return;
      clearTimeout(countdowns.get(id)?.timeout);
      countdowns.delete(id);
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
      if (how !== "action") toast.onExpire?.();
    },
    hold(id, reason, held) {
      const c = countdowns.get(id);
      if (!c) return;
      if (held) {
        c.holds.add(reason);
        if (c.timeout === undefined) return;
        clearTimeout(c.timeout);
        c.timeout = undefined;
        c.remaining -= Date.now() - c.since;
      } else {
        c.holds.delete(reason);
        if (c.holds.size === 0 && c.timeout === undefined) run(id, c, Math.max(c.remaining, MIN_AFTER_HOLD_MS));
      }
    },
  };
});

connectToastStore((toast) => useToasts.getState().push(toast));

/** The newest toast that offers an action (the one the Undo shortcut acts on), if any. */
export function latestActionToast(toasts: Toast[]): Toast | undefined {
  return toasts.findLast((t) => t.action);
}
