"use client";

import { useId } from "react";
import { FieldMessages } from "@/components/ui/field-messages";
import { TextField } from "@/components/ui/text-field";
import type { ProviderInfo } from "./queries";
import styles from "./integrations.module.css";

type Field = ProviderInfo["settings_form"][number];

/** One declared setting: a select of its options, or an input. Errors come as `settings.<name>`. */
function SettingField({ field, errors }: { field: Field; errors?: string[] }) {
  const id = useId();
  if (field.kind === "select") {
    const hintId = field.hint ? `${id}-hint` : undefined;
    const errorId = errors?.length ? `${id}-error` : undefined;
    return (
      <div className="field">
        <label htmlFor={id}>{field.label}</label>
        <select
          id={id}
          name={field.name}
          className={`select ${styles.wide}`}
          defaultValue={field.defaultValue}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        >
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldMessages hintId={hintId} hint={field.hint} errorId={errorId} errors={errors} />
      </div>
    );
  }
  return (
    <TextField
      label={field.label}
      name={field.name}
      type={field.kind === "url" ? "url" : "text"}
      inputMode={field.inputMode}
      pattern={field.pattern}
      required={field.required}
      defaultValue={field.defaultValue}
      autoComplete="off"
      hint={field.hint}
      errors={errors}
    />
  );
}

/** The settings form a provider declares (its `settingsForm`), laid out in pairs. */
export function SettingsFields({ fields, errors = {} }: { fields: readonly Field[]; errors?: Record<string, string[]> }) {
  if (!fields.length) return null;
  return (
    <div className={styles.pair}>
      {fields.map((f) => (
        <SettingField key={f.name} field={f} errors={errors[`settings.${f.name}`]} />
      ))}
    </div>
  );
}

/** The declared settings' values in a submitted form (empty ones left out). */
export function settingsFrom(form: FormData, fields: readonly Field[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const f of fields) {
    const value = form.get(f.name);
    if (typeof value === "string" && value.trim()) settings[f.name] = value.trim();
  }
  return settings;
}
