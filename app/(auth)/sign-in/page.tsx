import { SignInForm } from "@/components/auth/sign-in-form";
import { safeReturnPath } from "@/lib/auth/return-to";
import { canSendMail } from "@/lib/mail/settings";
import { signInAction } from "../actions";

export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  // A deep link opened while signed out: where to go once signed in (only a path on this site).
  const returnTo = safeReturnPath((await searchParams).next);
  return (
    <>
      <h1>Sign in</h1>
      <SignInForm returnTo={returnTo} action={signInAction} canMailReset={canSendMail()} />
    </>
  );
}
