"use client";

import { useEffect, useRef } from "react";
import { isTyping } from "@/components/timer/use-shortcuts";
import { latestActionToast, useToasts, type Toast } from "@/lib/stores/toasts";

/** U, or Ctrl+Z / ⌘Z (outside text fields, where they undo typing). */
function isUndoKey(e: KeyboardEvent): boolean {
  if (e.altKey || e.shiftKey || e.repeat) return false;
  const key = e.key.toLowerCase();
  if (key === "z") return e.ctrlKey || e.metaKey;
  return key === "u" && !e.ctrlKey && !e.metaKey;
}

function runAction(t: Toast) {
  t.action!.onClick();
  useToasts.getState().dismiss(t.id, "action");
}

/**
 * The toasts shown in the Toaster's live region. While a toast offers an action (Undo), U or Ctrl+Z
 * runs the newest one's from anywhere on the page, so it is reachable without a mouse.
 */
export function ToastList() {
  const toasts = useToasts((s) => s.toasts);
  const latest = latestActionToast(toasts);
  const offering = latest !== undefined;

  useEffect(() => {
    if (!offering) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isUndoKey(e) || isTyping(e.target)) return;
      const toast = latestActionToast(useToasts.getState().toasts);
      if (!toast) return;
      e.preventDefault();
      runAction(toast);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [offering]);

  return toasts.map((t) => <ToastItem key={t.id} toast={t} withShortcut={t === latest} />);
}

/** One toast: kept while hovered or focused; focus that was in it goes back where it came from when it goes. */
function ToastItem({ toast: t, withShortcut }: { toast: Toast; withShortcut: boolean }) {
  const { dismiss, hold } = useToasts.getState();
  const cameFrom = useRef<HTMLElement | null>(null);

  useEffect(
    () => () => {
      // The toast's node is gone by now; if focus went with it, it is on <body>.
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && cameFrom.current?.isConnected) cameFrom.current.focus();
    },
    [],
  );

  return (
    <div
      className="toast"
      data-tone={t.tone}
      role={t.tone === "error" ? "alert" : "status"}
      onMouseEnter={() => hold(t.id, "hover", true)}
      onMouseLeave={() => hold(t.id, "hover", false)}
      onFocus={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) cameFrom.current = e.relatedTarget as HTMLElement | null;
        hold(t.id, "focus", true);
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) hold(t.id, "focus", false);
      }}
    >
      <span className="spacer">
        {t.message}
        {withShortcut && <span className="visually-hidden"> Press U to {t.action!.label.toLowerCase()}.</span>}
      </span>
      {t.action && (
        <button type="button" onClick={() => runAction(t)} aria-keyshortcuts={withShortcut ? "U Control+Z Meta+Z" : undefined}>
          {t.action.label}
          {withShortcut && <kbd aria-hidden>U</kbd>}
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id, "close")}>
        ×
      </button>
    </div>
  );
}
