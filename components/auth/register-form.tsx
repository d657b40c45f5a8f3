"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { AuthFormState } from "@/lib/users/form-state";

type Props = {
  action: (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;
  returnTo: string;
  /** An invitation link's secret, and the address it was made for (registration by invitation). */
  invite?: string;
  inviteEmail?: string;
  /** A workspace invitation's secret (lib/workspaces/invitations.ts), which also admits its address. */
  invitation?: string;
};

/** Sunday-first regions; everyone else starts the week on Monday (ISO 8601). */
const SUNDAY_FIRST = new Set(["US", "CA", "MX", "BR", "JP", "IL", "PH", "KR", "TW", "HK", "ZA", "SA", "IN"]);

function detectWeekStart(): number {
  const region = new Intl.Locale(navigator.language).maximize().region ?? "";
  return SUNDAY_FIRST.has(region) ? 0 : 1;
}

export function RegisterForm({ action, returnTo, invite, invitation, inviteEmail }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  // The browser knows the user's zone and region; the server uses them for "today" and "this week".
  const [detected, setDetected] = useState<{ timezone: string; weekStart: string } | null>(null);
  useEffect(() => {
    setDetected({ timezone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? "", weekStart: String(detectWeekStart()) });
  }, []);
  // The time zone comes from the page's scripts: until they run, Create account waits (visibly) rather
  // than creating an account in the wrong zone. What was typed meanwhile stays in the fields.
  const ready = detected !== null;
  const keep = `${state.values?.email ?? ""}|${state.values?.name ?? ""}`;
  return (
    <form action={formAction} noValidate>
      {state.message && <p className="form-alert">{state.message}</p>}
      <TextField label="Name" name="name" autoComplete="name" required autoFocus defaultValue={state.values?.name} key={`name-${keep}`} errors={state.fields?.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email || inviteEmail} key={`email-${keep}`} errors={state.fields?.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters, not a common or guessable one. A passphrase of a few words is easy to remember."
        errors={state.fields?.password}
      />
      <input type="hidden" name="timezone" value={detected?.timezone ?? ""} />
      <input type="hidden" name="weekStart" value={detected?.weekStart ?? ""} />
      <input type="hidden" name="next" value={returnTo} />
      {invite && <input type="hidden" name="invite" value={invite} />}
      {invitation && <input type="hidden" name="invitation" value={invitation} />}
      <Button type="submit" block disabled={pending || !ready}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="muted">
        Already have an account? <Link href={returnTo === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(returnTo)}`}>Sign in</Link>
      </p>
    </form>
  );
}
