"use server";

import { publicContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { AccountFormState } from "@/lib/users/form-state";
import { resetPassword } from "@/lib/users/password-reset";

export async function resetPasswordAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const value = (key: string) => (typeof form.get(key) === "string" ? (form.get(key) as string) : "");
  try {
    await resetPassword(publicContext().db, { token: value("token"), password: value("password") });
    return { done: "Your password is set, and every session of the account was signed out. Sign in with the new password." };
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: error.details.fields };
    throw error;
  }
}
