"use client";

import { ProviderMark } from "@/components/integrations/provider-mark";
import type { Project, Task } from "@/lib/queries/types";
import { SearchList, type ListOption } from "./search-list";

// The pickers' open lists: searching, grouping, creating on the spot. One module, loaded when a picker
// first opens (or once the page is idle), so none of it is in a page's first load: a closed picker is
// only its button (project-picker.tsx and its siblings), which also keeps the mutations that create (a
// creation still lands if the list closes meanwhile).

type ProjectListProps = {
  label: string;
  value: number | null;
  projects: Project[];
  onPick: (projectId: number | null) => void;
  onCreate: (name: string) => void;
  onClose: () => void;
  /** "New project with a client…": what was typed in the search is the new project's name. */
  onNewWithClient: (name: string) => void;
};

export function ProjectList({ label, value, projects, onPick, onCreate, onClose, onNewWithClient }: ProjectListProps) {
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
    <SearchList
      label={`Choose ${label.toLowerCase()}`}
      placeholder="Find or create a project…"
      options={options}
      onClose={onClose}
      onPick={(o) => onPick(o.key === "none" ? null : Number(o.key))}
      onCreate={onCreate}
      createLabel={(name) => `Create project “${name}”`}
      footer={(query) => (
        <button
          type="button"
          className="button button-secondary button-small"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            onClose();
            onNewWithClient(query);
          }}
        >
          New project with a client…
        </button>
      )}
    />
  );
}

type TaskListProps = { value: number | null; tasks: Task[]; onPick: (taskId: number | null) => void; onCreate: (name: string) => void; onClose: () => void };

export function TaskList({ value, tasks, onPick, onCreate, onClose }: TaskListProps) {
  const usable = tasks.filter((t) => (t.status !== "done" && t.status !== "cancelled") || t.id === value);
  return (
    <SearchList
      label="Choose task"
      placeholder="Find or create a task…"
      options={[{ key: "none", label: "No task", selected: value === null }, ...usable.map((t) => ({ key: String(t.id), label: t.name, selected: t.id === value, meta: t.status.replace("_", " ") }))]}
      onClose={onClose}
      onPick={(o) => onPick(o.key === "none" ? null : Number(o.key))}
      onCreate={onCreate}
      createLabel={(name) => `Create task “${name}”`}
    />
  );
}

type TagListProps = { value: string[]; tagNames: string[]; onChange: (tags: string[]) => void; onClose: () => void };

export function TagList({ value, tagNames, onChange, onClose }: TagListProps) {
  const chosen = new Set(value.map((v) => v.toLowerCase()));
  const names = [...tagNames, ...value.filter((v) => !tagNames.some((t) => t.toLowerCase() === v.toLowerCase()))];
  const toggle = (name: string) => onChange(chosen.has(name.toLowerCase()) ? value.filter((v) => v.toLowerCase() !== name.toLowerCase()) : [...value, name]);
  return (
    <SearchList
      multi
      label="Choose tags"
      placeholder="Find or create a tag…"
      options={names.map((n) => ({ key: n, label: n, selected: chosen.has(n.toLowerCase()) }))}
      onPick={(o) => toggle(o.label)}
      onCreate={(name) => {
        if (!name.includes(",")) toggle(name);
      }}
      createLabel={(name) => (name.includes(",") ? "A tag cannot contain a comma" : `Create tag “${name}”`)}
      onClose={onClose}
    />
  );
}
