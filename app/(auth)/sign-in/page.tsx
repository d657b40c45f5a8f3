import { SignInForm } from "@/components/auth/sign-in-form";
import { signInAction } from "../actions";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <>
      <h1>Sign in</h1>
      <SignInForm action={signInAction} />
    </>
  );
}
