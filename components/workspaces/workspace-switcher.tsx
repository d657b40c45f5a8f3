"use client";

import { useQueryClient } from "@tanstack/react-query";
import { AppLink as Link } from "@/components/ui/app-link";
import { useRouter } from "next/navigation";
import { useCallback, useId, useRef, useState, useTransition } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import { announceChange } from "@/lib/queries/sync";
import styles from "./switcher.module.css";

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
 * Switching stores the choice in the session (server action), then refetches everything on the page
 * (server components and every query), here and in the other tabs of the same session.
 */
export function WorkspaceSwitcher({ workspaces, currentId, switchTo }: Props) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const box = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => setOpen(false), []);
  const router = useRouter();
  const client = useQueryClient();
  const current = workspaces.find((w) => w.id === currentId);

  useDismiss(open, closeMenu, box, toggle);

  const choose = (id: number) => {
    setOpen(false);
    toggle.current?.focus();
    if (id === currentId) return;
    startTransition(async () => {
      await switchTo(id);
      // Every cached answer was the old workspace's: drop them (not only mark stale, which would show
      // the old workspace's data until the refetch lands), and re-render the server parts.
      await client.resetQueries();
      announceChange([[]]);
      router.refresh();
    });
  };

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
        onClick={() => setOpen((o) => !o)}
        data-testid="workspace-switcher"
      >
        <span className={styles.name}>{current?.name ?? "Workspace"}</span>
        <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" aria-hidden="true">
          <path d="M6 9l6 6 6-6" />
        </svg>
      </button>
      <div id={listId} className={styles.panel} data-open={open}>
        <p className={styles.heading} id={`${listId}-label`}>
          Your workspaces
        </p>
        <ul aria-labelledby={`${listId}-label`}>
          {workspaces.map((w) => (
            <li key={w.id}>
              <button type="button" aria-label={`${w.name}, ${w.role}`} aria-current={w.id === currentId ? "true" : undefined} onClick={() => choose(w.id)}>
                <span className={styles.name}>{w.name}</span>
                <span className={styles.role}>{w.role}</span>
              </button>
            </li>
          ))}
        </ul>
        <Link href="/settings/workspace" className={styles.settings} onClick={() => setOpen(false)}>
          Workspace settings
        </Link>
      </div>
    </div>
  );
}
