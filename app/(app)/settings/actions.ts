"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth";
import { currentSessionId } from "@/lib/auth/session";
import { userContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { changeEmail, changePassword, deleteAccount } from "@/lib/users/account";
import type { AccountFormState } from "@/lib/users/form-state";

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

async function attempt(run: () => Promise<string>): Promise<AccountFormState> {
  try {
    return { done: await run() };
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: error.details.fields };
    throw error;
  }
}

export async function changePasswordAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const { db, user } = await userContext();
  const sessionId = await currentSessionId();
  return attempt(async () => {
    const { endedSessions } = await changePassword(db, { userId: user.id, sessionId }, { current_password: text(form, "current_password"), new_password: text(form, "new_password") });
    return `Password changed.${endedSessions ? ` ${endedSessions} other ${endedSessions === 1 ? "session was" : "sessions were"} signed out.` : ""}`;
  });
}

export async function changeEmailAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const { db, user } = await userContext();
  return attempt(async () => {
    const changed = await changeEmail(db, { userId: user.id }, { email: text(form, "email"), current_password: text(form, "current_password") });
    revalidatePath("/", "layout");
    return `Email changed: you now sign in with ${changed.email}.`;
  });
}

export async function deleteAccountAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const { db, user } = await userContext();
  const result = await attempt(async () => {
    await deleteAccount(db, { userId: user.id }, { email: text(form, "email"), current_password: text(form, "current_password") });
    return "deleted";
  });
  if (result.done) await signOut({ redirectTo: "/sign-in" }); // throws Next's redirect
  return result;
}
