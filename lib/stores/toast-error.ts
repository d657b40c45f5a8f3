"use client";

import { useSyncExternalStore } from "react";

// Apart from toasts.ts (which re-exports toastError): what every page's first load needs of toasts. The
// store itself (zustand, the countdowns, holding) comes with the list that shows toasts
// (components/toast-list.tsx, loaded alongside the page); an error reported before that waits here.

type EarlyToast = { message: string; tone: "error" };

let pushed = false;
let early: EarlyToast[] = [];
let push: ((toast: EarlyToast) => void) | undefined;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The store calls it on every push: the Toaster then shows the list of toasts, if not yet. */
export function noteToastPushed(): void {
  if (pushed) return;
  pushed = true;
  listeners.forEach((l) => l());
}

/** True once a toast has been pushed on this page (false on the server and while hydrating). */
export function useToastPushed(): boolean {
  return useSyncExternalStore(subscribe, () => pushed, () => false);
}

/** The store, once loaded, takes the errors reported before it, and every later one. */
export function connectToastStore(storePush: (toast: EarlyToast) => void): void {
  push = storePush;
  early.forEach(storePush);
  early = [];
}

/** An error as a toast. */
export function toastError(error: unknown, prefix?: string): void {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const toast: EarlyToast = { message: prefix ? `${prefix} ${message}` : message, tone: "error" };
  if (push) return push(toast);
  early.push(toast);
  noteToastPushed();
}
