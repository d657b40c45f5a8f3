import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { integrationConnections } from "@/db/schema";
import { apiKeySystem } from "@/e2e/fakes/providers/api-key-provider";
import { drain, testRegistry } from "@/e2e/support/sync-engine";
import { runCommand } from "@/lib/cli/commands";
import { createEntry, updateEntry } from "@/lib/entries/service";
import { AppError } from "@/lib/errors";
import { makeUser } from "@/lib/testing/users";
import { openCredentials } from "./credentials";
import { createProject } from "@/lib/projects/service";
import { availableProviders, connectWithCredentials, listIntegrations, serializeConnection, updateIntegration } from "./service";

// API-key connect end to end through the service, with a provider the app does not know (passed in a
// registry of the test's own): the provider's check decides before anything is saved; the key is sealed
// at rest and never returned; the connection receives what its rule gives it, without any import.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
};

describe("connecting with an API key", () => {
  it("checks the key with the provider, seals it, never echoes it; a refused key or bad settings save nothing", async () => {
    const user = await makeUser(t.db);
    const keyed = apiKeySystem();
    const providers = testRegistry([keyed.provider]);

    // The page's form comes from what the provider declares.
    expect(availableProviders(providers)).toEqual([
      expect.objectContaining({
        name: keyed.provider.name,
        connect: "api_key",
        configured: true,
        settings_form: [expect.objectContaining({ name: "account", label: "Account name", kind: "text" })],
        capabilities: { connect: "api_key", import: false, push: true, pull: false, activity: false },
        jobs: ["sync"],
      }),
    ]);

    const refused = await failure(connectWithCredentials(t.db, user, keyed.provider.name, { api_key: "key-refused-0002", settings: { account: "acme" } }, providers));
    expect(refused).toMatchObject({ code: "bad_request", message: "Keyed Books refused this API key (HTTP 401).", details: { reason: "provider_refused" } });
    const badSettings = await failure(connectWithCredentials(t.db, user, keyed.provider.name, { api_key: keyed.validKey, settings: { account: "Acme Inc" } }, providers));
    expect(badSettings).toMatchObject({ code: "validation_error", details: { fields: { "settings.account": ["Lower-case letters only."] } } });
    const noKey = await failure(connectWithCredentials(t.db, user, keyed.provider.name, { settings: { account: "acme" } }, providers));
    expect(noKey.code).toBe("validation_error");
    expect(Object.keys(noKey.details.fields as object)).toEqual(["api_key"]);
    expect(keyed.checks).toEqual(["key-refused-0002"]); // bad settings never reach the provider
    expect(await listIntegrations(t.db, user)).toEqual([]);

    const connection = await connectWithCredentials(t.db, user, keyed.provider.name, { api_key: ` ${keyed.validKey} `, settings: { account: "acme" } }, providers);
    expect(connection).toMatchObject({ label: "acme (Keyed Books)", settings: { account: "acme" }, routing: "workspace" });
    const [row] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(row.credentials).not.toContain(keyed.validKey);
    expect(openCredentials(row)).toEqual({ apiKey: keyed.validKey });
    expect(JSON.stringify(serializeConnection(row, undefined, providers))).not.toContain(keyed.validKey);

    // The app's own registry does not know the fake.
    expect(await failure(connectWithCredentials(t.db, user, keyed.provider.name, { api_key: keyed.validKey, settings: { account: "acme" } }))).toMatchObject({ code: "not_found" });
  });

  it("a key provider with the workspace rule receives entries of any project, or none, without an import", async () => {
    const user = await makeUser(t.db);
    const keyed = apiKeySystem();
    const providers = testRegistry([keyed.provider]);
    const connection = await connectWithCredentials(t.db, user, keyed.provider.name, { api_key: keyed.validKey, settings: { account: "acme" } }, providers);
    const { entry } = await createEntry(t.db, user, { notes: "No project at all", start_time: "2026-11-02T09:00:00Z", end_time: "2026-11-02T09:45:00Z" });
    await drain(t.db, connection.id, { backoff: { baseMs: 1, capMs: 5 }, providers });
    expect([...keyed.logs.values()]).toEqual([{ entryId: entry.id, description: "No project at all", minutes: 45, project: null }]);
    await updateEntry(t.db, user, entry.id, { notes: "Renamed" });
    await drain(t.db, connection.id, { backoff: { baseMs: 1, capMs: 5 }, providers });
    expect([...keyed.logs.values()].map((l) => l.description)).toEqual(["Renamed"]);
  });

  it("the connection's rule, changed to chosen projects, decides which entries follow; rules the provider cannot have are field errors", async () => {
    const user = await makeUser(t.db);
    const keyed = apiKeySystem();
    const providers = testRegistry([keyed.provider]);
    const connection = await connectWithCredentials(t.db, user, keyed.provider.name, { api_key: keyed.validKey, settings: { account: "acme" } }, providers);
    const chosen = await createProject(t.db, user, { name: "Billed to Keyed" });
    const other = await createProject(t.db, user, { name: "Internal" });
    const refused = await failure(updateIntegration(t.db, user, connection.id, { routing: { rule: "imported_projects" } }, providers));
    expect(refused.details).toEqual({ fields: { "routing.rule": [`Keyed Books imports no projects.`] } });
    const updated = await updateIntegration(t.db, user, connection.id, { routing: { rule: "projects", project_ids: [chosen.id] } }, providers);
    expect(updated.routing).toEqual({ rule: "projects", project_ids: [chosen.id] });

    const opts = { backoff: { baseMs: 1, capMs: 5 }, providers };
    const { entry: inChosen } = await createEntry(t.db, user, { project_id: chosen.id, notes: "Billed", start_time: "2026-11-04T09:00:00Z", end_time: "2026-11-04T10:00:00Z" });
    await createEntry(t.db, user, { project_id: other.id, notes: "Not billed", start_time: "2026-11-04T10:00:00Z", end_time: "2026-11-04T10:30:00Z" });
    await drain(t.db, connection.id, opts);
    expect([...keyed.logs.values()].map((l) => l.description)).toEqual(["Billed"]);
    // Moved out of the chosen projects: its remote log goes.
    await updateEntry(t.db, user, inChosen.id, { project_id: other.id });
    await drain(t.db, connection.id, opts);
    expect(keyed.logs.size).toBe(0);
  });

  it("stint integrations connect <provider> --api-key K --set name=value: connected, the key not printed", async () => {
    const user = await makeUser(t.db);
    const keyed = apiKeySystem();
    const ctx = { via: "direct" as const, providers: testRegistry([keyed.provider]) };
    const refused = await runCommand(t.db, ["integrations", "connect", keyed.provider.name, "--user", user.email, "--api-key", "key-refused-0003", "--set", "account=acme"], ctx);
    expect(refused).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("Keyed Books refused this API key") });
    const done = await runCommand(t.db, ["integrations", "connect", keyed.provider.name, "--user", user.email, "--api-key", keyed.validKey, "--set", "account=acme", "--json"], ctx);
    expect(done.stderr).toBe("");
    expect(JSON.parse(done.stdout)).toMatchObject({ provider: keyed.provider.name, label: "acme (Keyed Books)", imported: { projects: 0, tasks: 0 } });
    expect(done.stdout).not.toContain(keyed.validKey);
  });
});
