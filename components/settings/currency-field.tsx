"use client";

import { useId } from "react";
import { FieldMessages } from "@/components/ui/field-messages";
import { COMMON_CURRENCIES, currencyLabel } from "@/lib/users/currencies";
import styles from "./settings.module.css";

const DEFAULT_HINT = "Billable amounts (hourly rate × billable hours) are shown in it. Stint does not convert between currencies.";

/** The currency of billable amounts: the common ISO 4217 codes, plus the saved one if it is another. */
export function CurrencyField({ value, saved, onChange, errors, hint = DEFAULT_HINT }: { value: string; saved: string; onChange: (code: string) => void; errors?: string[]; hint?: string }) {
  const id = useId();
  const codes: string[] = [...COMMON_CURRENCIES];
  for (const code of [saved, value]) if (!codes.includes(code)) codes.push(code);
  const errorId = errors ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>Currency</label>
      <select
        id={id}
        name="currency"
        className={`select ${styles.wide}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors ? true : undefined}
        aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(" ")}
      >
        {codes.map((code) => (
          <option key={code} value={code}>
            {currencyLabel(code)}
          </option>
        ))}
      </select>
      <FieldMessages
        hintId={`${id}-hint`}
        hint={hint}
        errorId={errorId}
        errors={errors}
      />
    </div>
  );
}
