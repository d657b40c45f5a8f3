"use client";

import { Suspense, useCallback, useId, useRef, useState, useTransition } from "react";
import { lazyNamed, useOnceTrue, usePreloadWhenIdle } from "@/components/ui/lazy";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useHydrated } from "@/components/ui/use-hydrated";
import styles from "./switcher.module.css";

const SwitcherMenu = lazyNamed(() => import("./switcher-menu"), "SwitcherMenu");

export type SwitcherWorkspace = { id: number; name: string; role: string };

type Props = {
  workspaces: SwitcherWorkspace[];
  currentId: number;
  /** The server action that makes `id` this browser session's workspace. */
  switchTo: (id: number) => Promise<void>;
};

/**
 * The header's workspace switcher: a disclosure button naming the current workspace, opening a list of
 * the user's workspaces. A list of buttons rather than a <select>: a select changes on every arrow key in
 * Chromium, which would switch workspaces while a keyboard user only looks through them.
 * The list's code (switcher-menu.tsx) loads once the page is idle, or when the list is first opened.
 * Its own code loads after the page's (components/header-parts.tsx): the button is disabled until then.
 */
export function WorkspaceSwitcher({ workspaces, currentId, switchTo }: Props) {
  const hydrated = useHydrated();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const box = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => setOpen(false), []);
  const current = workspaces.find((w) => w.id === currentId);
  const menuWanted = useOnceTrue(open);
  usePreloadWhenIdle(SwitcherMenu);

  useDismiss(open, closeMenu, box, toggle);

  const closeAndRefocus = useCallback(() => {
    setOpen(false);
    toggle.current?.focus();
  }, []);

  return (
    <div className={styles.switcher} ref={box}>
      <button
        ref={toggle}
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`Workspace: ${current?.name ?? "none"}. Switch workspace`}
        aria-busy={pending || undefined}
        disabled={!hydrated}
        onClick={() => setOpen((o) => !o)}
        data-testid="workspace-switcher"
      >
        <span className={styles.name}>{current?.name ?? "Workspace"}</span>
        <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" aria-hidden="true">
          <path d="M6 9l6 6 6-6" />
        </svg>
      </button>
      <div id={listId} className={styles.panel} data-open={open}>
        {menuWanted && (
          <Suspense>
            <SwitcherMenu listId={listId} workspaces={workspaces} currentId={currentId} switchTo={switchTo} close={closeAndRefocus} closeForLink={closeMenu} startTransition={startTransition} />
          </Suspense>
        )}
      </div>
    </div>
  );
}
