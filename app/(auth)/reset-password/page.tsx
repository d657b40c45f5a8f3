import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { resetPasswordAction } from "./actions";

export const metadata = { title: "Set a new password" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function ResetPasswordPage({ searchParams }: Props) {
  const token = (await searchParams).token;
  return (
    <>
      <h1>Set a new password</h1>
      <ResetPasswordForm token={typeof token === "string" ? token : ""} action={resetPasswordAction} />
    </>
  );
}
