"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { TextField } from "@/components/ui/text-field";
import { fieldErrorsOf, type FieldErrors } from "@/lib/errors";
import { ApiError } from "@/lib/queries/fetch";
import { useSuggestionRules, useUpdateSuggestionRules } from "@/lib/queries/suggestions";
import type { SuggestionRules } from "@/lib/queries/types";
import { suggestionRulesSchema, type SuggestionRulesInput } from "@/lib/suggestions/schema";
import { MappingRules, type MappingDraft } from "./mapping-rules";
import styles from "./settings.module.css";

/** What the person typed: numbers as text until saved (the shared schema judges them), categories one a line. */
type Draft = {
  group_by: "activity" | "category";
  gap_minutes: string;
  min_block_minutes: string;
  min_productivity: string;
  round_minutes: string;
  denied_categories: string;
  mappings: MappingDraft[];
};

const PRODUCTIVITY = [
  { value: "-2", label: "Everything (from very distracting)" },
  { value: "-1", label: "From distracting" },
  { value: "0", label: "From neutral" },
  { value: "1", label: "From productive" },
  { value: "2", label: "Only very productive" },
];

let nextKey = 1;
const newKey = () => nextKey++;

const draftOf = (r: SuggestionRules): Draft => ({
  group_by: r.group_by,
  gap_minutes: String(r.gap_minutes),
  min_block_minutes: String(r.min_block_minutes),
  min_productivity: String(r.min_productivity),
  round_minutes: String(r.round_minutes),
  denied_categories: r.denied_categories.join("\n"),
  mappings: r.mappings.map((m) => ({ key: newKey(), field: m.field, pattern: m.pattern, project_id: m.project_id, task_id: m.task_id, tags: m.tags, billable: m.billable })),
});

// An empty number field stays text, so the schema answers "must be a number" instead of saving 0.
const num = (text: string) => (text.trim() === "" ? text : Number(text));

const inputOf = (d: Draft): SuggestionRulesInput =>
  ({
    group_by: d.group_by,
    gap_minutes: num(d.gap_minutes),
    min_block_minutes: num(d.min_block_minutes),
    min_productivity: Number(d.min_productivity),
    round_minutes: num(d.round_minutes),
    denied_categories: d.denied_categories
      .split(/\n|,/)
      .map((c) => c.trim())
      .filter(Boolean),
    mappings: d.mappings.map(({ key: _key, ...m }) => m),
  }) as SuggestionRulesInput;

/** Settings → Suggestions: how activity becomes suggestions, and the mapping rules. Checked by the same
 *  schema as PUT /api/v1/suggestions/rules before it is sent. */
export function SuggestionRulesForm() {
  const rules = useSuggestionRules();
  if (rules.isPending) return <Skeleton rows={5} />;
  if (rules.isError) return <LoadError what="rules" error={rules.error} onRetry={() => rules.refetch()} />;
  // Not keyed by the saved rules: saving refetches them, and the form keeps what was typed and its status.
  return <RulesForm saved={rules.data} />;
}

function RulesForm({ saved }: { saved: SuggestionRules }) {
  const [d, setD] = useState<Draft>(() => draftOf(saved));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string>("");
  const update = useUpdateSuggestionRules();
  const ids = { group: useId(), productivity: useId(), denied: useId() };
  const serverErrors = update.error instanceof ApiError ? update.error.fields : {};
  const errors = (field: string) => clientErrors[field] ?? serverErrors[field];
  const set = (patch: Partial<Draft>) => {
    setD((old) => ({ ...old, ...patch }));
    setStatus("");
  };

  return (
    <form
      className={styles.form}
      noValidate
      aria-label="Suggestion rules"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = suggestionRulesSchema.safeParse(inputOf(d));
        if (!parsed.success) {
          setClientErrors(fieldErrorsOf(parsed.error));
          setStatus("");
          return;
        }
        setClientErrors({});
        update.mutate(inputOf(d), { onSuccess: () => setStatus("Rules saved. Your pending suggestions of the last month follow them.") });
      }}
    >
      <div className={styles.pair}>
        <div className="field">
          <label htmlFor={ids.group}>Group activity by</label>
          <select id={ids.group} className={`select ${styles.wide}`} value={d.group_by} onChange={(e) => set({ group_by: e.target.value as Draft["group_by"] })}>
            <option value="activity">Activity (application or site)</option>
            <option value="category">Category</option>
          </select>
        </div>
        <TextField label="Merge gaps up to (minutes)" inputMode="numeric" value={d.gap_minutes} onChange={(e) => set({ gap_minutes: e.target.value })} errors={errors("gap_minutes")} hint="Blocks of the same activity this close together become one." />
        <TextField label="Minimum block (minutes)" inputMode="numeric" value={d.min_block_minutes} onChange={(e) => set({ min_block_minutes: e.target.value })} errors={errors("min_block_minutes")} hint="Shorter blocks are dropped." />
        <TextField label="Round to (minutes)" inputMode="numeric" value={d.round_minutes} onChange={(e) => set({ round_minutes: e.target.value })} errors={errors("round_minutes")} hint="0 keeps the exact times." />
        <div className="field">
          <label htmlFor={ids.productivity}>Minimum productivity</label>
          <select id={ids.productivity} className={`select ${styles.wide}`} value={d.min_productivity} onChange={(e) => set({ min_productivity: e.target.value })}>
            {PRODUCTIVITY.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.denied}>Categories never suggested</label>
        <textarea
          id={ids.denied}
          className="input"
          rows={3}
          value={d.denied_categories}
          onChange={(e) => set({ denied_categories: e.target.value })}
          aria-describedby={`${ids.denied}-hint`}
          aria-invalid={errors("denied_categories") ? true : undefined}
        />
        <p className="hint" id={`${ids.denied}-hint`}>
          One a line, as RescueTime names them (e.g. Social Networking).
        </p>
        {errors("denied_categories") && <p className="field-error">{errors("denied_categories")![0]}</p>}
      </div>
      <MappingRules mappings={d.mappings} onChange={(mappings) => set({ mappings })} errors={errors} />
      <div className={styles.actions}>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save rules"}
        </Button>
        <p className={styles.status} role="status" data-tone="success">
          {status}
        </p>
      </div>
    </form>
  );
}
