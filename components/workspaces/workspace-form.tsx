"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { numberOrNull } from "@/components/projects/format";
import { formatRate } from "@/lib/money/format";
import { CurrencyField } from "@/components/settings/currency-field";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/queries/fetch";
import { useUpdateWorkspace, type WorkspaceInfo, type WorkspacePatch } from "@/lib/queries/workspaces";
import { describeRounding } from "@/lib/reports/rounding-label";
import { RoundingFields, type RoundingValue } from "./rounding-fields";
import { rateOf } from "./abilities";
import styles from "./workspaces.module.css";

type Draft = { name?: string; currency?: string; rate?: string; rounding?: Partial<RoundingValue> };

/** Settings → Workspace: name, currency, default hourly rate and reports' rounding; facts only for roles that may not edit. */
export function WorkspaceForm({ workspace, editable }: { workspace: WorkspaceInfo; editable: boolean }) {
  const router = useRouter();
  const update = useUpdateWorkspace(workspace.id);
  const [draft, setDraft] = useState<Draft>({});
  const [status, setStatus] = useState("");
  const savedRate = rateOf(workspace.default_hourly_rate);

  if (!editable) {
    return (
      <>
      <dl className={styles.facts}>
        <div>
          <dt>Name</dt>
          <dd data-testid="workspace-name">{workspace.name}</dd>
        </div>
        <div>
          <dt>Currency</dt>
          <dd>{workspace.currency}</dd>
        </div>
        <div>
          <dt>Default hourly rate</dt>
          <dd>{savedRate === null ? "None" : formatRate(savedRate, workspace.currency)}</dd>
        </div>
        <div>
          <dt>Rounding in reports</dt>
          <dd data-testid="workspace-rounding">{describeRounding(workspace.rounding)}</dd>
        </div>
      </dl>
      <p className={styles.note}>Only the workspace&apos;s owners and admins can change these.</p>
      </>
    );
  }

  const values = {
    name: draft.name ?? workspace.name,
    currency: draft.currency ?? workspace.currency,
    rate: draft.rate ?? (savedRate === null ? "" : String(savedRate)),
    rounding: { ...workspace.rounding, ...draft.rounding },
  };
  const fields = update.error instanceof ApiError ? update.error.fields : {};
  const edit = (patch: Draft) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus("");
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const patch: WorkspacePatch = {};
    if (values.name.trim() !== workspace.name) patch.name = values.name;
    if (values.currency !== workspace.currency) patch.currency = values.currency;
    const rate = numberOrNull(values.rate);
    if (rate !== savedRate) patch.default_hourly_rate = rate as number | null; // text that is not a number: the server says why
    if (values.rounding.mode !== workspace.rounding.mode) patch.rounding = values.rounding.mode;
    if (values.rounding.minutes !== workspace.rounding.minutes) patch.rounding_minutes = values.rounding.minutes;
    if (values.rounding.scope !== workspace.rounding.scope) patch.rounding_scope = values.rounding.scope;
    if (Object.keys(patch).length === 0) {
      setStatus("Nothing to save: no changes.");
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        setDraft({});
        setStatus("Workspace saved.");
        router.refresh(); // the switcher in the header shows the name
      },
    });
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <TextField label="Workspace name" name="name" maxLength={100} value={values.name} onChange={(e) => edit({ name: e.target.value })} errors={fields.name} />
      <div className={styles.pair}>
        <CurrencyField value={values.currency} saved={workspace.currency} onChange={(currency) => edit({ currency })} errors={fields.currency} />
        <TextField
          label="Default hourly rate"
          name="default_hourly_rate"
          inputMode="decimal"
          value={values.rate}
          onChange={(e) => edit({ rate: e.target.value })}
          hint="For billable time when neither the member nor the project has a rate. Leave empty for none."
          errors={fields.default_hourly_rate}
        />
      </div>
      <RoundingFields
        value={values.rounding}
        onChange={(rounding) => edit({ rounding: { ...draft.rounding, ...rounding } })}
        errors={{ rounding: fields.rounding, rounding_minutes: fields.rounding_minutes, rounding_scope: fields.rounding_scope }}
      />
      <div className={styles.actions}>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save workspace"}
        </Button>
        <p role="status" className={styles.status}>
          {status}
        </p>
      </div>
    </form>
  );
}
