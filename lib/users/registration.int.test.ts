import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registrationInvites, users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { createRegistrationInvite, registerAccount, registrationGate } from "./registration";

// STINT_REGISTRATION is unset in tests: the default, "invite".
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const person = (name: string) => ({ email: `${name}@example.com`, name, password: `${name}'s long passphrase` });
const at = { clientAddress: "192.0.2.1" };

it("of registrations racing on an empty install, one becomes the admin; the others need an invitation", async () => {
  expect(await registrationGate(t.db)).toEqual({ allowed: true, first: true });
  const results = await Promise.allSettled(["ann", "ben", "cat"].map((n) => registerAccount(t.db, person(n), { clientAddress: `192.0.2.${n.length + n.charCodeAt(0)}` })));
  const won = results.filter((r) => r.status === "fulfilled");
  expect(won).toHaveLength(1);
  expect((won[0] as PromiseFulfilledResult<{ isAdmin: boolean }>).value.isAdmin).toBe(true);
  for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "forbidden" });
  expect(await t.db.select().from(users)).toHaveLength(1);
  expect(await registrationGate(t.db)).toMatchObject({ allowed: false, reason: "invite_needed" });
});

it("an invitation is stored as a hash, works once, for its email only", async () => {
  const invite = await createRegistrationInvite(t.db, { email: " Dan@Example.com " });
  const [row] = await t.db.select().from(registrationInvites).where(eq(registrationInvites.email, "dan@example.com"));
  expect(JSON.stringify(row)).not.toContain(invite.token);
  expect(await registrationGate(t.db, invite.token)).toEqual({ allowed: true, first: false, inviteEmail: "dan@example.com" });
  await expect(registerAccount(t.db, person("eve"), { ...at, invite: invite.token })).rejects.toMatchObject({ code: "validation_error" });
  const dan = await registerAccount(t.db, person("dan"), { ...at, invite: invite.token });
  expect(dan).toMatchObject({ email: "dan@example.com", isAdmin: false });
  await expect(registerAccount(t.db, person("dan2"), { ...at, invite: invite.token })).rejects.toMatchObject({ code: "forbidden" });
  expect(await registrationGate(t.db, invite.token)).toMatchObject({ allowed: false, reason: "invite_invalid" });
});

it("an expired invitation lets nobody in", async () => {
  const invite = await createRegistrationInvite(t.db, { email: "fay@example.com" });
  await t.db.update(registrationInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(registrationInvites.email, "fay@example.com"));
  await expect(registerAccount(t.db, person("fay"), { ...at, invite: invite.token })).rejects.toMatchObject({ code: "forbidden" });
});
