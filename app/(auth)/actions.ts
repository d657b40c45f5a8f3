"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { safeReturnPath } from "@/lib/auth/return-to";
import { publicContext } from "@/lib/context";
import { AppError, fieldErrorsOf, plainFieldErrors } from "@/lib/errors";
import type { AuthFormState } from "@/lib/users/form-state";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/runtime/client-address";
import { UNAVAILABLE_MESSAGE } from "@/lib/runtime/database-unavailable";
import { registerAccount } from "@/lib/users/registration";
import { signInSchema } from "@/lib/users/schema";

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

function tooManyMessage(seconds = 60): string {
  const wait = seconds <= 60 ? "a minute" : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many failed sign-in attempts from your network. Wait ${wait} and try again.`;
}

/**
 * Only a refused password reads "Incorrect email or password": a database that does not answer (or
 * any other failure) must not send people hunting for a typo or resetting a password that is fine.
 */
function signInFailureMessage(error: AuthError): string {
  const code = error.type === "CredentialsSignin" ? (error as { code?: string }).code : undefined;
  if (code === "rate_limited") return tooManyMessage((error as { retryAfter?: number }).retryAfter);
  if (code === "credentials") return "Incorrect email or password.";
  return UNAVAILABLE_MESSAGE;
}

async function signInOrMessage(email: string, password: string, returnTo: string): Promise<AuthFormState> {
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", { email, password, redirectTo: returnTo });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { message: signInFailureMessage(error), values: { email } };
    throw error;
  }
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const input = { email: text(form, "email"), password: text(form, "password") };
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { fields: plainFieldErrors(fieldErrorsOf(parsed.error)), values: { email: input.email } };
  return signInOrMessage(parsed.data.email, input.password, safeReturnPath(text(form, "next")));
}

export async function registerAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const input = {
    email: text(form, "email"),
    name: text(form, "name"),
    password: text(form, "password"),
    timezone: text(form, "timezone") || undefined,
    weekStart: text(form, "weekStart") || undefined,
  };
  const values = { email: input.email, name: input.name };
  try {
    const user = await registerAccount(publicContext().db, input, { invite: text(form, "invite") || undefined, invitation: text(form, "invitation") || undefined, clientAddress: clientAddress(await headers()) });
    return signInOrMessage(user.email, input.password, safeReturnPath(text(form, "next")));
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: plainFieldErrors(error.details.fields), values };
    throw error;
  }
}
