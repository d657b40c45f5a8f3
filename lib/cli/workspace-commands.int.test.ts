import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { previewInvitation } from "@/lib/workspaces/invitations";
import { runCommand } from "./commands";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  for (const name of ["olga", "pia", "quinn"]) {
    const made = await runCommand(t.db, ["user", "create", "--email", `${name}@example.com`, "--password", `${name}'s long passphrase`, "--name", name]);
    expect(made.exitCode, made.stderr).toBe(0);
  }
});
afterAll(() => t.cleanup());

const run = async (...argv: string[]) => {
  const out = await runCommand(t.db, [...argv, "--json"]);
  return { ...out, json: out.stdout ? JSON.parse(out.stdout) : JSON.parse(out.stderr) };
};

describe("stint workspace and member commands", () => {
  it("workspace create makes the owner its owner; workspace list shows it, all or the user's with their role", async () => {
    const created = await run("workspace", "create", "--owner", "olga@example.com", "--name", "Olga & Co", "--currency", "chf");
    expect(created.exitCode, created.stderr).toBe(0);
    expect(created.json).toMatchObject({ name: "Olga & Co", currency: "CHF", role: "owner" });
    const plain = await runCommand(t.db, ["workspace", "create", "--owner", "olga@example.com", "--name", "Second"]);
    expect(plain.stdout).toMatch(/^Created workspace Second \(id \d+\), owned by olga@example\.com\n$/);

    const mine = await run("workspace", "list", "--user", "olga@example.com");
    expect(mine.json.map((w: { name: string; role: string }) => [w.name, w.role])).toEqual([
      ["olga's workspace", "owner"],
      ["Olga & Co", "owner"],
      ["Second", "owner"],
    ]);
    const all = await run("workspace", "list");
    expect(all.json.find((w: { id: number }) => w.id === created.json.id)).toMatchObject({ name: "Olga & Co", members: 1, owners: 1 });
    expect((await run("workspace", "create", "--owner", "ghost@example.com", "--name", "X")).json).toMatchObject({ error: "not_found", message: "No user with the email ghost@example.com." });
  });

  it("workspace invite prints a link for the address and role; member add, role and remove keep the rules", async () => {
    const ws = (await run("workspace", "create", "--owner", "olga@example.com", "--name", "Team")).json.id as number;
    const invite = await run("workspace", "invite", "--workspace", String(ws), "--email", "Rex@Example.com", "--role", "manager", "--url", "https://time.example.com/");
    expect(invite.exitCode, invite.stderr).toBe(0);
    expect(invite.json).toMatchObject({ email: "rex@example.com", role: "manager", url: expect.stringMatching(/^https:\/\/time\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/) });
    expect(await previewInvitation(t.db, invite.json.url.split("/invite/")[1])).toMatchObject({ workspaceName: "Team", role: "manager", state: "pending" });
    const plain = await runCommand(t.db, ["workspace", "invite", "--workspace", String(ws), "--email", "sam@example.com"]);
    expect(plain.stdout).toMatch(/^http:\/\/localhost:3000\/invite\/\S+\n\(for sam@example\.com as member; valid once, until /);

    expect((await run("member", "add", "--workspace", String(ws), "--user", "pia@example.com")).json).toMatchObject({ email: "pia@example.com", role: "member" });
    expect((await run("member", "add", "--workspace", String(ws), "--user", "pia@example.com")).json).toMatchObject({ error: "conflict" });
    expect((await run("member", "role", "--workspace", String(ws), "--user", "pia@example.com", "--role", "owner")).json).toMatchObject({ role: "owner" });
    expect((await run("member", "role", "--workspace", String(ws), "--user", "olga@example.com", "--role", "member")).json).toMatchObject({ role: "member" });
    // Pia is now the only owner: she stays.
    const last = await run("member", "remove", "--workspace", String(ws), "--user", "pia@example.com");
    expect(last).toMatchObject({ exitCode: 1, json: { error: "conflict", message: expect.stringMatching(/only owner/) } });
    expect((await run("member", "remove", "--workspace", String(ws), "--user", "olga@example.com")).json).toMatchObject({ removed: true });
    expect((await run("workspace", "list", "--user", "olga@example.com")).json.map((w: { id: number }) => w.id)).not.toContain(ws);

    expect((await run("member", "role", "--workspace", String(ws), "--user", "quinn@example.com", "--role", "admin")).json).toMatchObject({ error: "not_found", message: "Member not found." });
    expect((await run("member", "add", "--workspace", String(ws), "--user", "quinn@example.com", "--role", "boss")).json).toMatchObject({ error: "validation_error", errors: { role: expect.any(Array) } });
    expect((await run("member", "add", "--workspace", "999999", "--user", "quinn@example.com")).json).toMatchObject({ error: "not_found", message: "No workspace with the id 999999." });
    expect((await run("workspace", "invite", "--workspace", "abc", "--email", "x@example.com")).json).toMatchObject({ error: "validation_error", errors: { workspace: expect.any(Array) } });
  });
});
