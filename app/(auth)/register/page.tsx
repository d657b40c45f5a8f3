import { RegisterForm } from "@/components/auth/register-form";
import { safeReturnPath } from "@/lib/auth/return-to";
import { registerAction } from "../actions";

export const metadata = { title: "Create account" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function RegisterPage({ searchParams }: Props) {
  // A deep link opened while signed out: where to go once signed in (only a path on this site).
  const returnTo = safeReturnPath((await searchParams).next);
  return (
    <>
      <h1>Create your account</h1>
      <RegisterForm returnTo={returnTo} action={registerAction} />
    </>
  );
}
