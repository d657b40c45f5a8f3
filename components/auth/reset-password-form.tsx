"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { AccountFormState } from "@/lib/users/form-state";

type Props = { token: string; action: (prev: AccountFormState, form: FormData) => Promise<AccountFormState> };

/** /reset-password?token=…: the one-time link's page, where the new password is chosen. */
export function ResetPasswordForm({ token, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.done) {
    return (
      <>
        <p role="status">{state.done}</p>
        <p>
          <Link href="/sign-in">Sign in</Link>
        </p>
      </>
    );
  }
  const linkError = state.fields?.token ?? (token ? undefined : ["This reset link is incomplete: open the whole link."]);
  return (
    <form action={formAction} noValidate>
      {linkError && <p className="form-alert">{linkError.join(" ")}</p>}
      <input type="hidden" name="token" value={token} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required autoFocus hint="At least 8 characters." errors={state.fields?.password} />
      <Button type="submit" block disabled={pending || !token}>
        {pending ? "Saving…" : "Set password"}
      </Button>
      <p className="muted">
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </form>
  );
}
