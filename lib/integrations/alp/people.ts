import { PermanentError, type ProviderContext, type RemotePerson, type SyncEntry } from "../types";
import { alpList, idOf, targetOf } from "./client";
import type { AlpSettings } from "./settings";

// The practice's users, matched by email: entries are recorded as the person's own ALP user. The match is
// remembered on the connection and checked again at every import (a user removed or replaced in ALP).

export async function listPeople(ctx: ProviderContext<AlpSettings>): Promise<RemotePerson[]> {
  const users = await alpList(await targetOf(ctx), "/users");
  return users.flatMap((u) => {
    const id = idOf(u.id);
    return id ? [{ remoteId: id, email: typeof u.email === "string" ? u.email.toLowerCase() : null, name: typeof u.name === "string" ? u.name : id, active: u.active !== false }] : [];
  });
}

const find = (people: RemotePerson[], email: string) => people.find((p) => p.active && p.email === email);

/** The email the person has in ALP: the one given when connecting, else their Stint email. */
const emailFor = (ctx: ProviderContext<AlpSettings>, entry: SyncEntry) => (ctx.settings.email ?? entry.userEmail ?? "").trim().toLowerCase();

/** The person's ALP user id; looked up (and remembered) when not known yet for this email. */
export async function alpUserId(ctx: ProviderContext<AlpSettings>, entry: SyncEntry): Promise<string> {
  const email = emailFor(ctx, entry);
  if (ctx.settings.userId && ctx.settings.userEmail === email) return ctx.settings.userId;
  const person = email ? find(await listPeople(ctx), email) : undefined;
  if (!person) {
    throw new PermanentError(`Needs ${email || "your email"} to be an active user in ALP: ask the practice to add it (or connect ALP again giving the email you have there), then retry.`, "entry");
  }
  await ctx.remember({ userId: person.remoteId, userEmail: email });
  return person.remoteId;
}

/** At an import: the remembered user again (gone or inactive → forgotten, so the next push says why). */
export async function refreshUser(ctx: ProviderContext<AlpSettings>): Promise<void> {
  const email = ctx.settings.userEmail;
  if (!email) return;
  const person = find(await listPeople(ctx), email);
  if ((person?.remoteId ?? null) !== (ctx.settings.userId ?? null)) await ctx.remember({ userId: person?.remoteId ?? null });
}
