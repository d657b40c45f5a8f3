"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldErrorsOf, type FieldErrors } from "@/lib/errors";
import { ApiError } from "@/lib/queries/fetch";
import { useUpdateSettings } from "@/lib/queries/me";
import type { Me } from "@/lib/queries/types";
import { updateSettingsSchema, type UpdateSettingsInput } from "@/lib/users/schema";
import { CurrencyField } from "./currency-field";
import { HoursField } from "./hours-field";
import { hoursToMinutes, minutesToHours } from "./time-zones";
import { TimezoneField } from "./timezone-field";
import styles from "./settings.module.css";

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** Calendar order, Monday first; values are the API's (0 = Sunday ... 6 = Saturday). */
const WEEK_DAYS = [1, 2, 3, 4, 5, 6, 0];

/** What the user typed, field by field; a field not in the draft shows the saved value. */
type Draft = { name?: string; timezone?: string; week_start?: string; hours?: string; max_hours?: string; currency?: string };
type Status = "saved" | "unchanged" | null;

/** The fields that differ from what is saved, in the API's shape, plus errors the schema finds before sending. */
function patchOf(draft: Draft, me: Me): { patch: UpdateSettingsInput; errors: FieldErrors } {
  const patch: UpdateSettingsInput = {};
  const errors: FieldErrors = {};
  if (draft.name !== undefined && draft.name.trim() !== me.name) patch.name = draft.name;
  if (draft.timezone !== undefined && draft.timezone !== me.timezone) patch.timezone = draft.timezone;
  if (draft.week_start !== undefined && Number(draft.week_start) !== me.week_start) patch.week_start = Number(draft.week_start);
  if (draft.hours !== undefined) {
    const minutes = hoursToMinutes(draft.hours);
    if (minutes === null) errors.runaway_threshold_minutes = ["Enter a number of hours, like 10 or 1.5."];
    else if (minutes !== me.runaway_threshold_minutes) patch.runaway_threshold_minutes = minutes;
  }
  if (draft.max_hours !== undefined) {
    const minutes = hoursToMinutes(draft.max_hours);
    if (minutes === null) errors.max_entry_minutes = ["Enter a number of hours, like 24 or 36."];
    else if (minutes !== me.max_entry_minutes) patch.max_entry_minutes = minutes;
  }
  if (draft.currency !== undefined && draft.currency !== me.currency) patch.currency = draft.currency;
  const parsed = updateSettingsSchema.safeParse(patch);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  return { patch, errors };
}

export function ProfileForm({ me }: { me: Me }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const ids = { week: useId() };
  const [draft, setDraft] = useState<Draft>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const update = useUpdateSettings();

  const values = {
    name: draft.name ?? me.name,
    timezone: draft.timezone ?? me.timezone,
    week_start: draft.week_start ?? String(me.week_start),
    hours: draft.hours ?? minutesToHours(me.runaway_threshold_minutes),
    max_hours: draft.max_hours ?? minutesToHours(me.max_entry_minutes),
    currency: draft.currency ?? me.currency,
  };
  const serverFields = update.error instanceof ApiError ? update.error.fields : {};
  const errorsOf = (field: string): string[] | undefined => clientErrors[field] ?? serverFields[field];
  const edit = (patch: Draft) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus(null);
  };
  const focusFirstError = () => requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  function submit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const { patch, errors } = patchOf(draft, me);
    setClientErrors(errors);
    update.reset();
    if (Object.keys(errors).length > 0) {
      setStatus(null);
      focusFirstError();
      return;
    }
    if (Object.keys(patch).length === 0) {
      setDraft({});
      setStatus("unchanged");
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        setDraft({});
        setStatus("saved");
        router.refresh(); // the header shows the name, server pages the zone
      },
      onError: focusFirstError,
    });
  }

  const weekErrors = errorsOf("week_start");

  return (
    <form ref={form} className={styles.form} onSubmit={submit} noValidate>
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        maxLength={100}
        value={values.name}
        onChange={(e) => edit({ name: e.target.value })}
        errors={errorsOf("name")}
      />
      <TimezoneField value={values.timezone} saved={me.timezone} onChange={(timezone) => edit({ timezone })} errors={errorsOf("timezone")} />
      <div className={styles.pair}>
        <div className="field">
          <label htmlFor={ids.week}>Week starts on</label>
          <select
            id={ids.week}
            name="week_start"
            className={`select ${styles.wide}`}
            value={values.week_start}
            onChange={(e) => edit({ week_start: e.target.value })}
            aria-invalid={weekErrors ? true : undefined}
            aria-describedby={weekErrors ? `${ids.week}-error` : undefined}
          >
            {WEEK_DAYS.map((day) => (
              <option key={day} value={day}>
                {DAY_NAMES[day]}
              </option>
            ))}
          </select>
          {weekErrors && (
            <p className="field-error" id={`${ids.week}-error`}>
              {weekErrors.join(" ")}
            </p>
          )}
        </div>
        <HoursField
          label="Ask “Still working?” after"
          name="runaway_threshold_hours"
          value={values.hours}
          onChange={(hours) => edit({ hours })}
          hint="How long a timer may run before Stint asks. From 0.25 (15 minutes) to 168 (a week)."
          errors={errorsOf("runaway_threshold_minutes")}
        />
      </div>
      <div className={styles.pair}>
        <HoursField
          label="Maximum session length"
          name="max_entry_hours"
          value={values.max_hours}
          onChange={(max_hours) => edit({ max_hours })}
          hint="A longer session is refused (a timer left running, a typo in a date). From 1 to 168 (7 days)."
          errors={errorsOf("max_entry_minutes")}
        />
        <CurrencyField
          value={values.currency}
          saved={me.currency}
          onChange={(currency) => edit({ currency })}
          errors={errorsOf("currency")}
          // Amounts are in each workspace's currency; the profile's only seeded the personal workspace at sign-up.
          hint="Your preferred currency. Amounts are shown in each workspace's own currency: change that in Settings → Workspace."
        />
      </div>
      <div className={styles.actions}>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </Button>
        <p role="status" className={styles.status} data-tone={status === "saved" ? "success" : undefined}>
          {status === "saved" ? "Settings saved." : status === "unchanged" ? "Nothing to save: no changes." : ""}
        </p>
      </div>
    </form>
  );
}
