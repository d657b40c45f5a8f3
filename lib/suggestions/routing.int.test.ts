// The "accepted suggestions" routing rule, over the whole chain: the fake RescueTime's day becomes
// suggestions, one is accepted onto an ALP matter, a hand-made entry lands on the same matter, and the
// outbox → worker → ALP provider → fake ALP delivers only the accepted suggestion's entry.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAlp, type FakeAlp } from "@/e2e/fakes/alp";
import { startFakeRescueTime, workday, type FakeRescueTime } from "@/e2e/fakes/rescuetime";
import { drain, linkOf, testProviders } from "@/e2e/support/sync-engine";
import { createTestDb, type TestDb } from "@/db/testing";
import { projects } from "@/db/schema";
import { createEntry, updateEntry } from "@/lib/entries/service";
import { alp as alpProvider } from "@/lib/integrations/alp";
import { connectWithCredentials, updateIntegration } from "@/lib/integrations/service";
import { entryForConnection } from "@/lib/integrations/sync/entry-view";
import { importActivity } from "@/lib/integrations/sync/import-activity";
import { importProjects } from "@/lib/integrations/sync/import-projects";
import { makeUser } from "@/lib/testing/users";
import { acceptSuggestion, listSuggestions } from "./service";

let t: TestDb;
let rt: FakeRescueTime;
let alp: FakeAlp;
const DAY = "2026-11-02";

beforeAll(async () => {
  t = await createTestDb();
  rt = await startFakeRescueTime();
  alp = await startFakeAlp();
  alp.state.config.rateLimitPerMinute = 100_000;
  process.env.RESCUETIME_API_URL = rt.url;
  testProviders.use({ ...alpProvider, rateLimit: { burst: 1000, perSecond: 1000, blockMs: 300 } });
});
afterAll(async () => {
  delete process.env.RESCUETIME_API_URL;
  await rt.close();
  await alp.close();
  await t.cleanup();
});

describe("routing rule accepted_suggestions", () => {
  it("an ALP connection receives the entry of an accepted suggestion, not a hand-made entry on the same matter", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const me = alp.state.addUser({ email: user.email, name: "Pat Solicitor" });
    const matter = alp.state.addMatter({ name: "Smith v Jones", number: "1001/26", default_gst_type_id: "GST" });
    const connection = await connectWithCredentials(t.db, user, "alp", { api_key: alp.state.issueKey(me.id), settings: { url: alp.url } }, testProviders);
    await importProjects(t.db, connection, undefined, testProviders);
    const [project] = await t.db.select().from(projects).where(eq(projects.connectionId, connection.id));
    const updated = await updateIntegration(t.db, user, connection.id, { routing: { rule: "accepted_suggestions" } }, testProviders);
    expect(updated.routing).toEqual({ rule: "accepted_suggestions", project_ids: [] });

    rt.state.addKey("rt-routing", workday(DAY));
    const rescuetime = await connectWithCredentials(t.db, user, "rescuetime", { api_key: "rt-routing", settings: {} });
    await importActivity(t.db, rescuetime, { from: DAY, to: DAY });
    const [code] = (await listSuggestions(t.db, user, { status: "pending" })).items;
    const accepted = await acceptSuggestion(t.db, user, code.id, { project_id: project.id, notes: "Drafted pleadings" });
    const { entry: byHand } = await createEntry(t.db, user, { project_id: project.id, notes: "Typed by hand", start_time: "2026-11-02T15:00:00Z", end_time: "2026-11-02T15:30:00Z" });

    expect(await entryForConnection(t.db, connection, user.workspaceId, byHand.id)).toBeNull();
    expect(await entryForConnection(t.db, connection, user.workspaceId, accepted.entry.id)).toMatchObject({ id: accepted.entry.id, description: "Drafted pleadings", remoteProjectId: matter.id });
    expect(await linkOf(t.db, byHand.id)).toBeUndefined();

    await drain(t.db, connection.id);
    expect(alp.entries().map((e) => [e.matter_id, e.description, e.minutes, e.external_ref])).toEqual([[matter.id, "Drafted pleadings", 50, `stint:${user.workspaceId}:${accepted.entry.id}`]]);
    expect(await linkOf(t.db, accepted.entry.id)).toMatchObject({ state: "synced" });

    // An edit of the accepted entry still flows; editing the hand-made one still sends nothing.
    await updateEntry(t.db, user, accepted.entry.id, { notes: "Drafted pleadings, revised" });
    await updateEntry(t.db, user, byHand.id, { notes: "Still by hand" });
    await drain(t.db, connection.id);
    expect(alp.entries().map((e) => e.description)).toEqual(["Drafted pleadings, revised"]);
    expect(await linkOf(t.db, byHand.id)).toBeUndefined();
  });
});
