import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { suggestionMappings, suggestions, timeEntries, webhookEvents, webhooks } from "@/db/schema";
import { startFakeRescueTime, workday, type FakeRescueTime } from "@/e2e/fakes/rescuetime";
import { createEntry } from "@/lib/entries/service";
import { AppError } from "@/lib/errors";
import { connectWithCredentials } from "@/lib/integrations/service";
import { importActivity } from "@/lib/integrations/sync/import-activity";
import { createProject } from "@/lib/projects/service";
import { createTask } from "@/lib/tasks/service";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { acceptSuggestion, acceptSuggestions, getSuggestionRules, ignoreSuggestion, listSuggestions, pendingCount, restoreSuggestion, serializeSuggestion, updateSuggestionRules } from "./service";

// The review of suggestions made from the fake RescueTime's known day (UTC, so the times read as written in
// e2e/fakes/rescuetime/fixture.ts): accept (with changes, twice), ignore and restore, bulk accept, "always
// do this", rules, and what a re-import may and may not do to decided suggestions.

let t: TestDb;
let rt: FakeRescueTime;
beforeAll(async () => {
  t = await createTestDb();
  rt = await startFakeRescueTime();
  process.env.RESCUETIME_API_URL = rt.url;
});
afterAll(async () => {
  delete process.env.RESCUETIME_API_URL;
  await rt.close();
  await t.cleanup();
});

const DAY = "2026-11-02";
let keys = 0;

async function withDay(): Promise<{ user: TestUser; reimport: () => Promise<string> }> {
  const user = await makeUser(t.db, { timezone: "UTC" });
  const key = `rt-suggest-${++keys}`;
  rt.state.addKey(key, workday(DAY));
  const connection = await connectWithCredentials(t.db, user, "rescuetime", { api_key: key, settings: {} });
  const reimport = () => importActivity(t.db, connection, { from: DAY, to: DAY });
  await reimport();
  return { user, reimport };
}

const pending = async (user: TestUser) => (await listSuggestions(t.db, user, { status: "pending" })).items;
const span = (s: { startAt: Date; endAt: Date }) => `${s.startAt.toISOString().slice(11, 16)}-${s.endAt.toISOString().slice(11, 16)}`;
const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
};

describe("suggestions", () => {
  it("lists the day's blocks in the API's shape, only to their owner", async () => {
    const { user } = await withDay();
    const [code, github, docs] = await pending(user);
    expect(serializeSuggestion(github)).toEqual({
      id: github.id,
      source: "rescuetime",
      start_time: "2026-11-02T10:10:00.000Z",
      end_time: "2026-11-02T10:30:00.000Z",
      duration_seconds: 1200,
      day: DAY,
      notes: "github.com: stint/pull/14",
      project_id: null,
      task_id: null,
      tags: [],
      billable: null,
      status: "pending",
      trimmed: false,
      activities: [
        { name: "github.com", category: "General Software Development", productivity: 2, seconds: 960 },
        { name: "code", category: "Editing & IDEs", productivity: 2, seconds: 240 },
      ],
      time_entry_id: null,
    });
    expect([code, docs].map(span)).toEqual(["09:00-09:50", "14:00-14:40"]);
    expect(await pendingCount(t.db, user)).toBe(3);
    const other = await makeUser(t.db);
    expect(await pending(other)).toEqual([]);
    expect((await failure(acceptSuggestion(t.db, other, code.id))).code).toBe("not_found");
    expect((await failure(ignoreSuggestion(t.db, other, code.id))).code).toBe("not_found");
  });

  it("accept with changes → an entry; accepting again returns the same entry; a re-import does not suggest it again", async () => {
    const { user, reimport } = await withDay();
    const project = await createProject(t.db, user, { name: "Client work" });
    const task = await createTask(t.db, user, { project_id: project.id, name: "Review" });
    const [, github] = await pending(user);
    const entry = await acceptSuggestion(t.db, user, github.id, { project_id: project.id, task_id: task.id, notes: "Reviewed PR 14", start_time: "2026-11-02T10:05:00Z", tags: ["review"], billable: true });
    expect(entry.entry).toMatchObject({ projectId: project.id, taskId: task.id, description: "Reviewed PR 14", billable: true, source: "import" });
    expect([entry.entry.startAt.toISOString(), entry.entry.endAt?.toISOString()]).toEqual(["2026-11-02T10:05:00.000Z", "2026-11-02T10:30:00.000Z"]);
    expect(entry.tags).toEqual(["review"]);
    const again = await acceptSuggestion(t.db, user, github.id, { notes: "ignored the second time" });
    expect(again.entry.id).toBe(entry.entry.id);
    expect(await t.db.select().from(timeEntries).where(eq(timeEntries.userId, user.id))).toHaveLength(1);
    const [accepted] = (await listSuggestions(t.db, user, { status: "accepted" })).items;
    expect(serializeSuggestion(accepted)).toMatchObject({ id: github.id, status: "accepted", time_entry_id: entry.entry.id });

    expect(await reimport()).toBe("Imported 1 days (43 activity rows): 0 new suggestions.");
    expect((await pending(user)).map(span)).toEqual(["09:00-09:50", "14:00-14:40"]);
    expect((await listSuggestions(t.db, user, { status: "accepted" })).items.map((s) => s.id)).toEqual([github.id]);
    expect((await failure(ignoreSuggestion(t.db, user, github.id))).code).toBe("conflict");
  });

  it("an ignored suggestion stays gone after a re-import, and comes back only when restored", async () => {
    const { user, reimport } = await withDay();
    const [code] = await pending(user);
    expect((await ignoreSuggestion(t.db, user, code.id)).status).toBe("ignored");
    await reimport();
    expect((await pending(user)).map(span)).toEqual(["10:10-10:30", "14:00-14:40"]);
    expect((await listSuggestions(t.db, user, { status: "ignored" })).items.map((s) => s.id)).toEqual([code.id]);
    // Even when the block moves (data arriving late makes it start earlier), the ignored one is not revived.
    rt.state.addRows(`rt-suggest-${keys}`, [{ date: `${DAY}T08:55:00`, seconds: 300, activity: "code", category: "Editing & IDEs", productivity: 2 }]);
    await reimport();
    expect((await pending(user)).map(span)).toEqual(["10:10-10:30", "14:00-14:40"]);
    expect((await restoreSuggestion(t.db, user, code.id)).status).toBe("pending");
    expect((await pending(user)).map((s) => s.id)).toContain(code.id);
  });

  it("a new block never overlaps an entry: trimmed around it", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    await createEntry(t.db, user, { notes: "Standup", start_time: "2026-11-02T09:20:00Z", end_time: "2026-11-02T09:35:00Z" });
    rt.state.addKey("rt-trim-key-1", workday(DAY));
    const connection = await connectWithCredentials(t.db, user, "rescuetime", { api_key: "rt-trim-key-1", settings: {} });
    await importActivity(t.db, connection, { from: DAY, to: DAY });
    expect((await pending(user)).map((s) => [span(s), s.trimmed])).toEqual([
      ["09:00-09:20", true],
      ["10:10-10:30", false],
      ["14:00-14:40", false],
    ]);
  });

  it("bulk accept: all of them or none", async () => {
    const { user } = await withDay();
    const ids = (await pending(user)).map((s) => s.id);
    const stranger = (await withDay()).user;
    const theirs = (await pending(stranger))[0].id;
    expect((await failure(acceptSuggestions(t.db, user, { ids: [...ids, theirs] }))).code).toBe("not_found");
    expect(await t.db.select().from(timeEntries).where(eq(timeEntries.userId, user.id))).toEqual([]);
    const entries = await acceptSuggestions(t.db, user, { ids });
    expect(entries.map((e) => `${e.entry.startAt.toISOString().slice(11, 16)}-${e.entry.endAt?.toISOString().slice(11, 16)} ${e.entry.description}`)).toEqual([
      "09:00-09:50 code: lib/suggestions/rules.ts",
      "10:10-10:30 github.com: stint/pull/14",
      "14:00-14:40 docs.google.com: Invoice notes",
    ]);
    expect(await pendingCount(t.db, user)).toBe(0);
  });

  it("'always do this' makes a mapping rule that fills the other pending ones and the next imports", async () => {
    const { user, reimport } = await withDay();
    const project = await createProject(t.db, user, { name: "Stint" });
    const [code] = await pending(user);
    expect((await failure(acceptSuggestion(t.db, user, code.id, { always: true }))).details).toEqual({ fields: { always: ["Choose a project to always use for this."] } });
    await acceptSuggestion(t.db, user, code.id, { project_id: project.id, billable: true, always: true });
    const [mapping] = await t.db.select().from(suggestionMappings).where(eq(suggestionMappings.userId, user.id));
    expect(mapping).toMatchObject({ field: "activity", pattern: "code", projectId: project.id, billable: true });
    await reimport();
    expect((await getSuggestionRules(t.db, user)).mappings).toEqual([{ id: mapping.id, field: "activity", pattern: "code", project_id: project.id, task_id: null, tags: [], billable: true }]);
  });

  it("'always do this' offered after the accept: accepting again with always makes the rule from the entry, and a later day's import carries it", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    rt.state.addKey("rt-always-after", [...workday(DAY), ...workday("2026-11-03")]);
    const connection = await connectWithCredentials(t.db, user, "rescuetime", { api_key: "rt-always-after", settings: {} });
    await importActivity(t.db, connection, { from: DAY, to: DAY });
    const project = await createProject(t.db, user, { name: "Pull requests" });
    const [, github] = await pending(user);
    const accepted = await acceptSuggestion(t.db, user, github.id, { project_id: project.id, tags: ["review"] });
    expect(await t.db.select().from(suggestionMappings).where(eq(suggestionMappings.userId, user.id))).toEqual([]);
    const again = await acceptSuggestion(t.db, user, github.id, { always: true });
    expect(again.entry.id).toBe(accepted.entry.id);
    expect((await getSuggestionRules(t.db, user)).mappings).toEqual([{ id: expect.any(Number), field: "activity", pattern: "github.com", project_id: project.id, task_id: null, tags: ["review"], billable: true }]);
    // Asked twice, still one rule for the activity.
    await acceptSuggestion(t.db, user, github.id, { always: true });
    expect((await getSuggestionRules(t.db, user)).mappings).toHaveLength(1);
    await importActivity(t.db, connection, { from: "2026-11-03", to: "2026-11-03" });
    const next = (await listSuggestions(t.db, user, { status: "pending", from: "2026-11-03", to: "2026-11-03" })).items;
    expect(next.map((s) => [s.notes, s.projectId, s.tags])).toEqual([
      ["code: lib/suggestions/rules.ts", null, []],
      ["github.com: stint/pull/14", project.id, ["review"]],
      ["docs.google.com: Invoice notes", null, []],
    ]);
  });

  it("rules: defaults, a change re-shapes pending suggestions at once, a mapping by document text", async () => {
    const { user } = await withDay();
    const project = await createProject(t.db, user, { name: "Invoicing" });
    expect(await getSuggestionRules(t.db, { ...user, timezone: "UTC" })).toEqual({ group_by: "activity", gap_minutes: 5, min_block_minutes: 5, min_productivity: 1, round_minutes: 5, denied_categories: [], mappings: [] });
    // Saved a week after the day: saving re-shapes the pending suggestions of the last 31 days (by the clock, not by today's date).
    const aWeekLater = new Date(`${DAY}T12:00:00Z`);
    aWeekLater.setUTCDate(aWeekLater.getUTCDate() + 7);
    const rules = await updateSuggestionRules(t.db, user, { round_minutes: 15, min_productivity: 0, mappings: [{ field: "document", pattern: "invoice", project_id: project.id, tags: ["billing"], billable: true }] }, aWeekLater);
    expect(rules).toMatchObject({ round_minutes: 15, min_productivity: 0, gap_minutes: 5, mappings: [{ field: "document", pattern: "invoice", project_id: project.id, tags: ["billing"], billable: true }] });
    expect((await pending(user)).map((s) => [span(s), s.projectId, s.tags])).toEqual([
      ["09:00-10:00", null, []], // slack's 20 s a slot now count: 3300 s ≈ 55 min → 60 min
      ["10:10-10:25", null, []], // 1200 s = 20 min → 15 min
      ["11:00-11:15", null, []],
      ["14:00-14:45", project.id, ["billing"]],
    ]);
    const bad = await failure(updateSuggestionRules(t.db, user, { gap_minutes: -1, mappings: [{ field: "title" as never, pattern: "" }] }));
    expect(bad.code).toBe("validation_error");
    const stranger = await makeUser(t.db);
    const theirs = await createProject(t.db, stranger, { name: "Theirs" });
    expect((await failure(updateSuggestionRules(t.db, user, { mappings: [{ field: "activity", pattern: "x", project_id: theirs.id }] }))).code).toBe("not_found");
  });

  it("an import that adds pending suggestions emits suggestions.ready {count, from, to} to a listening webhook", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    await t.db.insert(webhooks).values({ workspaceId: user.workspaceId, url: "https://hooks.example.com/stint", events: ["suggestions.ready"], secret: "sealed" });
    rt.state.addKey("rt-hook-key-1", workday(DAY));
    const connection = await connectWithCredentials(t.db, user, "rescuetime", { api_key: "rt-hook-key-1", settings: {} });
    await importActivity(t.db, connection, { from: "2026-11-01", to: DAY });
    await importActivity(t.db, connection, { from: DAY, to: DAY }); // nothing new: no second event
    const events = await t.db.select().from(webhookEvents).where(and(eq(webhookEvents.workspaceId, user.workspaceId), eq(webhookEvents.type, "suggestions.ready")));
    expect(events.map((e) => e.data)).toEqual([{ user_id: user.id, count: 3, from: "2026-11-01", to: DAY }]);
    expect(await t.db.select().from(suggestions).where(eq(suggestions.userId, user.id))).toHaveLength(3);
  });
});
