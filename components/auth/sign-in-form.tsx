"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { AskAdminForReset } from "./ask-admin-for-reset";
import type { AuthFormState } from "@/lib/users/form-state";

type Props = {
  action: (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;
  returnTo: string;
  /** Stint can mail a reset link (SMTP is set up): offer "Forgot password?"; else say whom to ask. */
  canMailReset: boolean;
};

/**
 * Works before the page's scripts have loaded too: the form posts to its server action like a plain
 * HTML form, so what was typed (and a press of Sign in) is never lost on a slow connection.
 */
export function SignInForm({ action, returnTo, canMailReset }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} noValidate>
      {state.message && <p className="form-alert">{state.message}</p>}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        defaultValue={state.values?.email}
        key={`email-${state.values?.email ?? ""}`}
        errors={state.fields?.email}
      />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={state.fields?.password} />
      <input type="hidden" name="next" value={returnTo} />
      <Button type="submit" block disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {canMailReset ? (
        <p className="muted">
          <Link href="/forgot-password">Forgot password?</Link>
        </p>
      ) : (
        <AskAdminForReset />
      )}
      <p className="muted">
        New to Stint? <Link href={returnTo === "/" ? "/register" : `/register?next=${encodeURIComponent(returnTo)}`}>Create an account</Link>
      </p>
    </form>
  );
}
