"use client";

import { create } from "zustand";

export type Toast = {
  id: number;
  message: string;
  tone: "info" | "error";
  action?: { label: string; onClick: () => void };
  /** Called when the toast goes away without its action being used. */
  onExpire?: () => void;
  durationMs: number;
};

type ToastState = {
  toasts: Toast[];
  push(toast: Omit<Toast, "id" | "durationMs" | "tone"> & Partial<Pick<Toast, "durationMs" | "tone">>): number;
  dismiss(id: number, how: "action" | "expire" | "close"): void;
};

let nextId = 1;

/** Messages at the bottom of the screen (a failed save, "Entry deleted · Undo"). Client-only state. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(toast) {
    const id = nextId++;
    const full: Toast = { tone: "info", durationMs: 6000, ...toast, id };
    set({ toasts: [...get().toasts, full] });
    setTimeout(() => get().dismiss(id, "expire"), full.durationMs);
    return id;
  },
  dismiss(id, how) {
    const toast = get().toasts.find((t) => t.id === id);
    if (!toast) return;
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
    if (how !== "action") toast.onExpire?.();
  },
}));

export function toastError(error: unknown, prefix?: string): void {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  useToasts.getState().push({ message: prefix ? `${prefix} ${message}` : message, tone: "error" });
}
