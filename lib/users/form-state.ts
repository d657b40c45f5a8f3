import type { FieldErrors } from "@/lib/errors";

/** What the sign-in and registration actions answer a form with: its errors and the values to keep. */
export type AuthFormState = {
  message?: string;
  fields?: FieldErrors;
  values?: { email?: string; name?: string };
};

/** What the account forms of Settings and the password reset pages answer: errors, or what was done. */
export type AccountFormState = { message?: string; fields?: FieldErrors; done?: string };

/** What "Forgot password?" answers: the neutral sentence, or errors with the email kept. */
export type ForgotPasswordFormState = AccountFormState & { values?: { email?: string } };
