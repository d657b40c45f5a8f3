"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { TransitionStartFunction } from "react";
import { AppLink as Link } from "@/components/ui/app-link";
import { announceChange } from "@/lib/queries/sync";
import styles from "./switcher.module.css";
import type { SwitcherWorkspace } from "./workspace-switcher";

type Props = {
  listId: string;
  workspaces: SwitcherWorkspace[];
  currentId: number;
  switchTo: (id: number) => Promise<void>;
  /** Closes the list and puts focus back on the switcher's button (after a choice). */
  close: () => void;
  /** Closes the list as its link leaves the page. */
  closeForLink: () => void;
  /** The switcher's transition: its button shows the switch as busy until the page has the new workspace's data. */
  startTransition: TransitionStartFunction;
};

/**
 * The workspace switcher's open list, loaded when the page is idle or when it is first opened (the
 * header is in every page's first load; the list is not needed until then).
 * Switching stores the choice in the session (server action), then refetches everything on the page
 * (server components and every query), here and in the other tabs of the same session.
 */
export function SwitcherMenu({ listId, workspaces, currentId, switchTo, close, closeForLink, startTransition }: Props) {
  const router = useRouter();
  const client = useQueryClient();

  const choose = (id: number) => {
    close();
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
    <>
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
      <Link href="/settings/workspace" className={styles.settings} onClick={closeForLink}>
        Workspace settings
      </Link>
    </>
  );
}
