import { AskAdminForReset } from "@/components/auth/ask-admin-for-reset";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { canSendMail } from "@/lib/mail/settings";
import { forgotPasswordAction } from "./actions";

export const metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1>Forgot your password?</h1>
      {canSendMail() ? <ForgotPasswordForm action={forgotPasswordAction} /> : <AskAdminForReset />}
    </>
  );
}
