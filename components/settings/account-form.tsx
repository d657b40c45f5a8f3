"use client";

import { useActionState, useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { AccountFormState } from "@/lib/users/form-state";
import styles from "./settings.module.css";

export type AccountAction = (prev: AccountFormState, form: FormData) => Promise<AccountFormState>;

type Props = {
  action: AccountAction;
  submitLabel: string;
  pendingLabel: string;
  danger?: boolean;
  onDone?: () => void;
  children: (state: AccountFormState) => ReactNode;
};

/** One of the account forms of Settings: posts to its server action, shows field errors or what was done. */
export function AccountForm({ action, submitLabel, pendingLabel, danger, onDone, children }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.done) {
      form.current?.reset(); // passwords must not linger in the fields
      onDone?.();
    } else if (state.fields) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, onDone]);
  return (
    <form ref={form} action={formAction} className={styles.form} noValidate>
      {state.message && !state.fields && <p className="form-alert">{state.message}</p>}
      {children(state)}
      <div className={styles.actions}>
        <Button type="submit" className={danger ? "button-danger" : undefined} variant={danger ? undefined : "secondary"} disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        <p role="status" className={styles.status} data-tone={state.done ? "success" : undefined}>
          {state.done ?? ""}
        </p>
      </div>
    </form>
  );
}
