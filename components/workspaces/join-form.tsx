"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";

type Props = {
  workspaceName: string;
  action: (prev: { message?: string }) => Promise<{ message?: string }>;
};

/** The invitation page's Join button; a refusal (used meanwhile, withdrawn) shows above it. */
export function JoinForm({ workspaceName, action }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction}>
      {state.message && <p className="form-alert">{state.message}</p>}
      <Button type="submit" block disabled={pending}>
        {pending ? "Joining…" : `Join ${workspaceName}`}
      </Button>
    </form>
  );
}
