"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { publicContext } from "@/lib/context";
import { publicUrl } from "@/lib/env";
import { AppError, plainFieldErrors } from "@/lib/errors";
import { mailerFromEnv } from "@/lib/mail/mailer";
import { clientAddress } from "@/lib/runtime/client-address";
import { FORGOT_PASSWORD_ANSWER, requestPasswordReset } from "@/lib/users/forgot-password";
import type { ForgotPasswordFormState } from "@/lib/users/form-state";

export async function forgotPasswordAction(_prev: ForgotPasswordFormState, form: FormData): Promise<ForgotPasswordFormState> {
  const email = typeof form.get("email") === "string" ? (form.get("email") as string) : "";
  try {
    // The mail goes out after the answer (Next's after()), so the answer is the same for every address.
    const context = { clientAddress: clientAddress(await headers()), publicUrl: publicUrl(), later: (task: () => Promise<unknown>) => after(task) };
    await requestPasswordReset(publicContext().db, mailerFromEnv(), { email }, context);
    return { done: FORGOT_PASSWORD_ANSWER };
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: plainFieldErrors(error.details.fields), values: { email } };
    throw error;
  }
}
