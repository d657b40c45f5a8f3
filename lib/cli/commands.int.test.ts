import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { hashToken } from "@/lib/tokens/token";
import { verifyCredentials } from "@/lib/users/service";
import { runCommand } from "./commands";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("stint CLI commands", () => {
  it("user create makes a user who can sign in, and prints only the result", async () => {
    const out = await runCommand(t.db, ["user", "create", "--email", "Gus@Example.com", "--password", "gus passphrase", "--name", "Gus", "--admin", "--json"]);
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toBe("");
    const printed = JSON.parse(out.stdout);
    expect(printed).toMatchObject({ email: "gus@example.com", name: "Gus", is_admin: true });
    expect((await verifyCredentials(t.db, { email: "gus@example.com", password: "gus passphrase" }))?.id).toBe(printed.id);

    const plain = await runCommand(t.db, ["user", "create", "--email", "hal@example.com", "--password", "hal passphrase", "--name", "Hal"]);
    expect(plain.stdout).toMatch(/^Created user hal@example.com \(id \d+\)\n$/);
  });

  it("token create prints the token once; only its hash is stored", async () => {
    const out = await runCommand(t.db, ["token", "create", "--user", "gus@example.com", "--scopes", "read:projects, read:time_entries", "--name", "Zapier", "--expires-days", "7"]);
    expect(out.exitCode).toBe(0);
    const token = out.stdout.trim();
    expect(token).toMatch(/^tt_[A-Za-z0-9]{32}$/);
    const rows = await t.db.query.apiTokens.findMany();
    expect(rows.map((r) => r.tokenHash)).toContain(hashToken(token));
    const row = rows.find((r) => r.tokenHash === hashToken(token))!;
    expect(row).toMatchObject({ name: "Zapier", scopes: ["read:projects", "read:time_entries"] });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeGreaterThan(6.9 * 86_400_000);
  });

  it("explains errors on stderr with a non-zero exit", async () => {
    const taken = await runCommand(t.db, ["user", "create", "--email", "gus@example.com", "--password", "other passphrase", "--name", "G"]);
    expect(taken).toMatchObject({ exitCode: 1, stdout: "" });
    expect(taken.stderr).toContain("An account with this email already exists.");

    const weak = await runCommand(t.db, ["user", "create", "--email", "new@example.com", "--password", "short", "--name", "N", "--json"]);
    expect(JSON.parse(weak.stderr)).toMatchObject({ error: "validation_error", errors: { password: ["Use at least 8 characters."] } });

    const noUser = await runCommand(t.db, ["token", "create", "--user", "ghost@example.com", "--scopes", "read:projects"]);
    expect(noUser.stderr).toContain("No user with the email ghost@example.com.");

    const badScope = await runCommand(t.db, ["token", "create", "--user", "gus@example.com", "--scopes", "read:all"]);
    expect(badScope.exitCode).toBe(1);
    expect(badScope.stderr).toContain("Unknown scope");
  });

  it("answers usage mistakes with exit code 2 and the usage", async () => {
    const missing = await runCommand(t.db, ["user", "create", "--email", "x@example.com"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("Missing --password, --name");
    const unknownFlag = await runCommand(t.db, ["user", "create", "--colour", "red"]);
    expect(unknownFlag.exitCode).toBe(2);
    const unknownCommand = await runCommand(t.db, ["frobnicate"]);
    expect(unknownCommand).toMatchObject({ exitCode: 2 });
    expect(unknownCommand.stderr).toContain("Unknown command: frobnicate");
    const help = await runCommand(t.db, ["--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("token create --user E --scopes s1,s2");
  });
});
