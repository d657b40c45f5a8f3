"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ForgotPasswordFormState } from "@/lib/users/form-state";

type Props = { action: (prev: ForgotPasswordFormState, form: FormData) => Promise<ForgotPasswordFormState> };

/** /forgot-password: asks for the email; the answer is the same whether it has an account or not. */
export function ForgotPasswordForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.done) {
    return (
      <>
        <p role="status">{state.done}</p>
        <p className="muted">Nothing arrived? Look in the spam folder, or ask again in a few minutes.</p>
        <p>
          <Link href="/sign-in">Back to sign-in</Link>
        </p>
      </>
    );
  }
  return (
    <form action={formAction} noValidate>
      <p className="muted">Enter the email address of your account, and we mail you a link to set a new password.</p>
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
      <Button type="submit" block disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
      <p className="muted">
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </form>
  );
}
