"use client";

import { Suspense, useCallback, useRef, useState } from "react";
import { ProviderMark } from "@/components/integrations/provider-mark";
import { lazyNamed, useOnceTrue } from "@/components/ui/lazy";
import { useCreateProject, useProjects } from "@/lib/queries/projects";
import { toastError } from "@/lib/stores/toasts";
import styles from "./pickers.module.css";
import { SearchList } from "./lazy-search-list";
import type { ListOption } from "./search-list";
import { useClickOutside } from "./use-click-outside";

// Opens on demand: its code loads then, not with the page.
const NewProjectDialog = lazyNamed(() => import("./new-project-dialog"), "NewProjectDialog");

type Props = { value: number | null; onChange: (projectId: number | null) => void; label?: string };

/** Picks one of the user's active projects (grouped by client), or creates a new one on the spot. */
export function ProjectPicker({ value, onChange, label = "Project" }: Props) {
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useClickOutside(ref, open, close);
  const { data: projects = [] } = useProjects();
  const create = useCreateProject();
  const current = projects.find((p) => p.id === value);
  const dialogWanted = useOnceTrue(creating !== null);

  const usable = projects
    .filter((p) => p.status !== "archived" || p.id === value)
    .sort((a, b) => (a.client ?? "").localeCompare(b.client ?? "") || a.name.localeCompare(b.name));
  const options: ListOption[] = [
    { key: "none", label: "No project", selected: value === null },
    ...usable.map((p) => ({
      key: String(p.id),
      label: p.name,
      group: p.client ?? "Without client",
      selected: p.id === value,
      render: (
        <>
          <span className="color-dot" style={{ background: p.color }} aria-hidden />
          {p.name}
          {p.integration && <ProviderMark provider={p.integration.provider} />}
        </>
      ),
    })),
  ];

  return (
    <div className={styles.wrap} ref={ref}>
      <button type="button" className={styles.trigger} data-empty={!current} aria-haspopup="listbox" aria-expanded={open} onClick={() => setOpen((o) => !o)} aria-label={`${label}: ${current ? `${current.name}${current.client ? ` · ${current.client}` : ""}` : "none"}`}>
        {current && <span className="color-dot" style={{ background: current.color }} aria-hidden />}
        <span className="label">{current ? current.name : label}</span>
        {current?.client && <span className="muted"> · {current.client}</span>}
        {current?.integration && <ProviderMark provider={current.integration.provider} />}
      </button>
      <Suspense>
        {open && (
          <SearchList
            label={`Choose ${label.toLowerCase()}`}
            placeholder="Find or create a project…"
            options={options}
            onClose={close}
            onPick={(o) => {
              onChange(o.key === "none" ? null : Number(o.key));
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
            createLabel={(name) => `Create project “${name}”`}
            footer={(query) => (
              <button
                type="button"
                className="button button-secondary button-small"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  close();
                  // What was typed in the search is the new project's name: nothing to type twice.
                  setCreating(query);
                }}
              >
                New project with a client…
              </button>
            )}
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
