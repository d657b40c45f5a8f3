"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { useClients } from "@/lib/queries/clients";
import { fieldError } from "@/lib/queries/fetch";
import { useCreateProject, useUpdateProject } from "@/lib/queries/projects";
import type { Project } from "@/lib/queries/types";
import { ColorField } from "./color-field";
import { numberOrNull, PROJECT_STATUS_LABEL } from "./format";
import { PrivateMembersField } from "./private-members-field";
import styles from "./manage.module.css";

type Props = {
  open: boolean;
  onClose: () => void;
  /** The project to edit; none to create one. */
  project?: Project;
  /** Colour preselected for a new project. */
  defaultColor: string;
  onSaved?: (project: Project) => void;
};

/** Create or edit a project in a dialog: every field, with the server's messages next to them. */
export function ProjectDialog({ open, onClose, project, defaultColor, onSaved }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={project ? `Edit ${project.name}` : "New project"}>
      <ProjectForm project={project} defaultColor={defaultColor} onCancel={onClose} onSaved={(p) => onSaved?.(p)} />
    </Dialog>
  );
}

function ProjectForm({ project, defaultColor, onCancel, onSaved }: { project?: Project; defaultColor: string; onCancel: () => void; onSaved: (p: Project) => void }) {
  const create = useCreateProject();
  const update = useUpdateProject();
  const mutation = project ? update : create;
  const clients = useClients();
  const form = useRef<HTMLFormElement>(null);
  const ids = { client: useId(), status: useId(), description: useId() };

  const [name, setName] = useState(project?.name ?? "");
  const [clientId, setClientId] = useState(project?.client_id ? String(project.client_id) : "");
  const [color, setColor] = useState(project?.color ?? defaultColor);
  const [billable, setBillable] = useState(project?.billable ?? true);
  const [rate, setRate] = useState(project?.hourly_rate == null ? "" : String(project.hourly_rate));
  const [estimate, setEstimate] = useState(project?.estimated_hours == null ? "" : String(project.estimated_hours));
  const [budget, setBudget] = useState(project?.budget_amount == null ? "" : String(project.budget_amount));
  const [status, setStatus] = useState<Project["status"]>(project?.status ?? "active");
  const [description, setDescription] = useState(project?.description ?? "");
  const [isPrivate, setPrivate] = useState(project?.private ?? false);
  const [memberIds, setMemberIds] = useState<number[]>(project?.member_ids ?? []);

  // A refused save: put the cursor in the first field the server complained about.
  useEffect(() => {
    if (mutation.error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [mutation.error]);

  const error = (field: string) => fieldError(mutation.error, field);
  const errors = (field: string) => (error(field) ? [error(field)!] : undefined);
  // Archived clients are not offered, except the one the project already has.
  const clientOptions: { id: number; name: string; archived: boolean }[] = (clients.data ?? []).filter((c) => !c.archived || c.id === project?.client_id);
  // Until the clients have loaded (or if the list misses it), the project's own client is still shown.
  if (project?.client_id && project.client && !clientOptions.some((c) => c.id === project.client_id)) {
    clientOptions.push({ id: project.client_id, name: project.client, archived: false });
  }

  const submit = () => {
    const body = {
      name,
      client_id: clientId ? Number(clientId) : null,
      color,
      billable,
      hourly_rate: numberOrNull(rate),
      estimated_hours: numberOrNull(estimate),
      budget_amount: numberOrNull(budget),
      description: description.trim() ? description : null,
      private: isPrivate,
      ...(isPrivate ? { member_ids: memberIds } : {}),
      ...(project ? { status } : {}),
    };
    if (project) update.mutate({ id: project.id, ...body }, { onSuccess: onSaved });
    else create.mutate(body, { onSuccess: onSaved });
  };

  return (
    <form
      ref={form}
      className={styles.form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoComplete="off" errors={errors("name")} />
      <div className="field">
        <label htmlFor={ids.client}>Client</label>
        <select
          id={ids.client}
          className="select"
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          aria-invalid={error("client_id") ? true : undefined}
          aria-describedby={error("client_id") ? `${ids.client}-error` : `${ids.client}-hint`}
        >
          <option value="">No client</option>
          {clientOptions.map((c) => (
            <option key={c.id} value={c.id}>
              {c.archived ? `${c.name} (archived)` : c.name}
            </option>
          ))}
        </select>
        {error("client_id") ? (
          <p className="field-error" id={`${ids.client}-error`}>
            {error("client_id")}
          </p>
        ) : (
          <p className="hint" id={`${ids.client}-hint`}>
            {clients.isSuccess && clientOptions.length === 0 ? "You have no clients yet. " : ""}
            <Link href="/clients">Manage clients</Link>
          </p>
        )}
      </div>
      <ColorField value={color} onChange={setColor} error={error("color")} />
      <PrivateMembersField isPrivate={isPrivate} onPrivateChange={setPrivate} memberIds={memberIds} onMemberIdsChange={setMemberIds} error={error("member_ids")} />
      <label className={styles.switchLabel}>
        <input type="checkbox" role="switch" className={styles.switch} checked={billable} onChange={(e) => setBillable(e.target.checked)} />
        Billable
      </label>
      <div className={styles.pair}>
        <TextField label="Hourly rate" inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} placeholder="e.g. 80" autoComplete="off" errors={errors("hourly_rate")} />
        <TextField
          label="Estimated hours"
          inputMode="decimal"
          value={estimate}
          onChange={(e) => setEstimate(e.target.value)}
          placeholder="e.g. 40"
          autoComplete="off"
          errors={errors("estimated_hours")}
        />
      </div>
      <TextField
        label="Budget"
        inputMode="decimal"
        value={budget}
        onChange={(e) => setBudget(e.target.value)}
        placeholder="e.g. 5000"
        autoComplete="off"
        hint="What the client agreed to pay, in the workspace’s currency: the billable amount is measured against it."
        errors={errors("budget_amount")}
      />
      {project && (
        <div className="field">
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} className="select" value={status} onChange={(e) => setStatus(e.target.value as Project["status"])}>
            {(["active", "on_hold", "archived"] as const).map((s) => (
              <option key={s} value={s}>
                {PROJECT_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.description}>Description (optional)</label>
        <textarea
          id={ids.description}
          className={`input ${styles.textarea}`}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          maxLength={2000}
          aria-invalid={error("description") ? true : undefined}
          aria-describedby={error("description") ? `${ids.description}-error` : undefined}
        />
        {error("description") && (
          <p className="field-error" id={`${ids.description}-error`}>
            {error("description")}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : project ? "Save changes" : "Create project"}
        </Button>
      </div>
    </form>
  );
}
