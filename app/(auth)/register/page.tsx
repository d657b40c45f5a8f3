import { RegisterForm } from "@/components/auth/register-form";
import { registerAction } from "../actions";

export const metadata = { title: "Create account" };

export default function RegisterPage() {
  return (
    <>
      <h1>Create your account</h1>
      <RegisterForm action={registerAction} />
    </>
  );
}
