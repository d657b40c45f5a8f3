"use client";

import { Suspense, useCallback, useRef, useState } from "react";
import { ProviderMark } from "@/components/integrations/provider-mark";
import { lazyNamed, useOnceTrue } from "@/components/ui/lazy";
import { useCreateProject, useProjects } from "@/lib/queries/projects";
import { toastError } from "@/lib/stores/toasts";
import styles from "./pickers.module.css";
import { ProjectList } from "./lazy-picker-lists";
import { useClickOutside } from "./use-click-outside";

// Opens on demand: its code loads then, not with the page.
const NewProjectDialog = lazyNamed(() => import("./new-project-dialog"), "NewProjectDialog");

type Props = { value: number | null; onChange: (projectId: number | null) => void; label?: string; hydrating?: boolean };

/**
 * Picks one of the user's active projects (grouped by client), or creates a new one on the spot.
 * `hydrating` (the timer bar's pickers, TimerFields): until the page's scripts have taken over its server
 * HTML the button is disabled and shows what the server rendered, which had no project list to find the
 * name in (a name from a list fetched meanwhile would not match that HTML: a hydration error).
 */
export function ProjectPicker({ value, onChange, label = "Project", hydrating }: Props) {
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useClickOutside(ref, open, close);
  const { data: projects = [] } = useProjects();
  const create = useCreateProject();
  const current = hydrating ? undefined : projects.find((p) => p.id === value);
  const dialogWanted = useOnceTrue(creating !== null);

  return (
    <div className={styles.wrap} ref={ref}>
      <button type="button" className={styles.trigger} disabled={hydrating} data-empty={!current} aria-haspopup="listbox" aria-expanded={open} onClick={() => setOpen((o) => !o)} aria-label={`${label}: ${current ? `${current.name}${current.client ? ` · ${current.client}` : ""}` : "none"}`}>
        {current && <span className="color-dot" style={{ background: current.color }} aria-hidden />}
        <span className="label">{current ? current.name : label}</span>
        {current?.client && <span className="muted"> · {current.client}</span>}
        {current?.integration && <ProviderMark provider={current.integration.provider} />}
      </button>
      <Suspense>
        {open && (
          <ProjectList
            label={label}
            value={value}
            projects={projects}
            onClose={close}
            onPick={(projectId) => {
              onChange(projectId);
              close();
            }}
            onCreate={(name) =>
              create.mutate(
                { name },
                {
                  onSuccess: (project) => {
                    onChange(project.id);
                    close();
                  },
                  onError: (e) => toastError(e, "The project was not created:"),
                },
              )
            }
            // What was typed in the search is the new project's name: nothing to type twice.
            onNewWithClient={setCreating}
          />
        )}
        {dialogWanted && (
          <NewProjectDialog
            name={creating}
            onClose={() => setCreating(null)}
            onCreated={(project) => {
              onChange(project.id);
              setCreating(null);
            }}
          />
        )}
      </Suspense>
    </div>
  );
}
