import Link from "next/link";
import { RegisterForm } from "@/components/auth/register-form";
import { safeReturnPath } from "@/lib/auth/return-to";
import { publicContext } from "@/lib/context";
import { registrationGate } from "@/lib/users/registration";
import { registerAction } from "../actions";

export const metadata = { title: "Create account" };

type Props = { searchParams: Promise<{ next?: string | string[]; invite?: string | string[]; invitation?: string | string[] }> };

export default async function RegisterPage({ searchParams }: Props) {
  const params = await searchParams;
  // A deep link opened while signed out: where to go once signed in (only a path on this site).
  const returnTo = safeReturnPath(params.next);
  const invite = typeof params.invite === "string" ? params.invite : undefined;
  // A workspace invitation's secret (from /invite/<token>): it admits its address whatever the mode.
  const invitation = typeof params.invitation === "string" ? params.invitation : undefined;
  const gate = await registrationGate(publicContext().db, invite, { invitation });
  if (!gate.allowed) {
    return (
      <>
        <h1>Create your account</h1>
        <p className="form-alert">{gate.message}</p>
        <p className="muted">
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Create your account</h1>
      {gate.first && <p className="muted">You are the first: this account will administer this Stint.</p>}
      <RegisterForm returnTo={returnTo} action={registerAction} invite={invite} invitation={invitation} inviteEmail={gate.inviteEmail} />
    </>
  );
}
