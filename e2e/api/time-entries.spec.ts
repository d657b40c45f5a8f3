import type { APIRequestContext } from "@playwright/test";
import { createUser, type TestUser } from "../fixtures";
import { api, expect, freshToken, minutesFromNow, mintToken, newActor, setupContext, signedIn, test, totalOf, USER_SCOPES, type Actor, type Api } from "./api-fixtures";

let alice: Actor;
let admin: Actor;
let setup: APIRequestContext;
let billableProject: { id: number; name: string };
let internalProject: { id: number; name: string };
let task: { id: number; name: string };
let client: { id: number; name: string };

test.beforeAll(async () => {
  [alice, admin] = await Promise.all([newActor("entries"), newActor("entriesadmin", { admin: true })]);
  setup = await setupContext();
  const a = api(setup, alice.token);
  client = (await a.ok("createClient", { body: { name: "Acme" } })).client;
  billableProject = (await a.ok("createProject", { body: { name: "Website", client_id: client.id, billable: true } })).project;
  internalProject = (await a.ok("createProject", { body: { name: "Internal", billable: false } })).project;
  task = (await a.ok("createTask", { body: { name: "Design", project_id: billableProject.id } })).task;
});
test.afterAll(() => setup?.dispose());

const ids = (list: { id: number }[]) => list.map((e) => e.id);

test.describe("one entry", () => {
  test("created with start and end: every documented field, names included", async ({ request }) => {
    const a = api(request, alice.token);
    const created = await a.ok("createEntry", {
      body: { project_id: billableProject.id, task_id: task.id, start_time: "2026-03-02T09:00:00Z", end_time: "2026-03-02T10:30:00Z", notes: "Wireframes", tags: "ux, Client Call" },
    });
    expect(created.message).toBe("Time entry created");
    const e = created.time_entry;
    expect(e).toMatchObject({
      user_id: alice.id,
      user: alice.name,
      project_id: billableProject.id,
      project: "Website",
      client_id: client.id,
      client: "Acme",
      task_id: task.id,
      task: "Design",
      start_time: "2026-03-02T09:00:00.000Z",
      end_time: "2026-03-02T10:30:00.000Z",
      duration_seconds: 5400,
      duration_hours: 1.5,
      notes: "Wireframes",
      tags: "Client Call,ux",
      tag_list: ["Client Call", "ux"],
      billable: true, // from the project
      is_active: false,
      source: "api",
    });
    expect((await a.ok("getEntry", { id: e.id })).time_entry).toEqual(e);
  });

  test("created with a duration, with tags as a list, with a bare date, or with a task that implies its project", async ({ request }) => {
    const a = api(request, alice.token);
    const byDuration = (await a.ok("createEntry", { body: { start_time: "2026-03-03T08:00:00+01:00", duration_seconds: 1800, tags: ["a", "b", "A"] } })).time_entry;
    expect([byDuration.start_time, byDuration.end_time, byDuration.duration_seconds]).toEqual(["2026-03-03T07:00:00.000Z", "2026-03-03T07:30:00.000Z", 1800]);
    expect(byDuration.tag_list).toEqual(["a", "b"]);
    expect([byDuration.project_id, byDuration.billable]).toEqual([null, false]);
    const repeated = (await a.ok("createEntry", { body: { start_time: "2026-03-03T09:00Z", duration_seconds: 60, tags: Array(80).fill("same").join(", ") } })).time_entry;
    expect(repeated.tag_list).toEqual(["same"]);
    const bareDate = (await a.ok("createEntry", { body: { start_time: "2026-03-04", duration_seconds: 60 } })).time_entry;
    expect(bareDate.start_time).toBe("2026-03-04T00:00:00.000Z"); // local midnight, the user's zone is UTC
    const viaTask = (await a.ok("createEntry", { body: { task_id: task.id, start_time: "2026-03-05T09:00Z", end_time: "2026-03-05T09:15Z", billable: false } })).time_entry;
    expect([viaTask.project_id, viaTask.task_id, viaTask.billable]).toEqual([billableProject.id, task.id, false]);
  });

  test("PUT and PATCH change what is sent and keep the rest; moving project drops the task", async ({ request }) => {
    const a = api(request, alice.token);
    const e = (await a.ok("createEntry", { body: { task_id: task.id, start_time: "2026-03-06T09:00Z", end_time: "2026-03-06T10:00Z", notes: "Draft", tags: "x" } })).time_entry;
    const patched = await a.ok("patchEntry", { id: e.id, body: { notes: "Final" } });
    expect(patched.message).toBe("Time entry updated");
    expect(patched.time_entry).toMatchObject({ notes: "Final", task_id: task.id, tag_list: ["x"], start_time: e.start_time, end_time: e.end_time });
    const put = (await a.ok("putEntry", { id: e.id, body: { project_id: internalProject.id, tags: ["y", "z"], end_time: "2026-03-06T11:00:00Z" } })).time_entry;
    expect(put).toMatchObject({ project_id: internalProject.id, project: "Internal", client_id: null, task_id: null, billable: false, tag_list: ["y", "z"], duration_seconds: 7200, notes: "Final" });
    expect(Date.parse(put.updated_at)).toBeGreaterThanOrEqual(Date.parse(e.updated_at));
    const cleared = (await a.ok("patchEntry", { id: e.id, body: { project_id: null, tags: [] } })).time_entry;
    expect([cleared.project_id, cleared.project, cleared.tags, cleared.tag_list]).toEqual([null, null, "", []]);
    // Invalid edits change nothing.
    await a.invalid("patchEntry", { id: e.id, body: { end_time: "2026-03-06T08:00:00Z" } }, "end_time");
    await a.invalid("patchEntry", { id: e.id, body: { project_id: internalProject.id, task_id: task.id } }, "task_id");
    expect((await a.ok("getEntry", { id: e.id })).time_entry).toEqual(cleared);
  });

  test("DELETE removes it: then 404 for every method", async ({ request }) => {
    const a = api(request, alice.token);
    const e = (await a.ok("createEntry", { body: { start_time: "2026-03-07T09:00Z", duration_seconds: 600 } })).time_entry;
    expect(await a.ok("deleteEntry", { id: e.id })).toEqual({ message: "Time entry deleted" });
    await a.fail("getEntry", { id: e.id }, 404, "not_found");
    await a.fail("putEntry", { id: e.id, body: { notes: "x" } }, 404, "not_found");
    await a.fail("patchEntry", { id: e.id, body: { notes: "x" } }, 404, "not_found");
    await a.fail("deleteEntry", { id: e.id }, 404, "not_found");
  });

  test("DELETE is undone by POST /restore: the same entry (id, project, task, tags) comes back; twice is a 409", async ({ request }) => {
    const a = api(request, await freshToken(alice));
    const e = (await a.ok("createEntry", { body: { task_id: task.id, start_time: "2026-03-07T11:00Z", duration_seconds: 900, notes: "Undo me", tags: "one, two" } })).time_entry;
    await a.ok("deleteEntry", { id: e.id });
    await a.fail("getEntry", { id: e.id }, 404, "not_found");
    expect(ids((await a.ok("listEntries", { query: { start_date: "2026-03-07", end_date: "2026-03-07" } })).time_entries)).not.toContain(e.id);
    const restored = await a.ok("restoreEntry", { id: e.id });
    expect(restored.message).toBe("Time entry restored");
    expect(restored.time_entry).toEqual(e);
    expect((await a.ok("getEntry", { id: e.id })).time_entry).toEqual(e);
    const twice = await a.fail("restoreEntry", { id: e.id }, 409, "conflict");
    expect(twice.body.message).toBe("This time entry is not deleted: there is nothing to restore.");
    // Another user can neither restore it nor tell it apart from an entry that never existed.
    const bob = await newActor("entriesrestore");
    await a.ok("deleteEntry", { id: e.id });
    await api(request, bob.token).fail("restoreEntry", { id: e.id }, 404, "not_found");
    const readOnly = (await mintToken(alice, ["read:time_entries"])).token;
    expect((await api(request, readOnly).fail("restoreEntry", { id: e.id }, 403, "insufficient_scope")).body.required_scope).toBe("write:time_entries");
    for (const id of ["999999999", "abc"]) await a.fail("restoreEntry", { id }, 404, "not_found");
    expect((await a.ok("restoreEntry", { id: e.id })).time_entry.id).toBe(e.id);
  });

  test("unknown, non-numeric and out-of-range ids are 404", async ({ request }) => {
    const a = api(request, await freshToken(alice));
    for (const id of ["999999999", "abc", "0", "-1", "1.5", "1e3", "99999999999", "%20"]) {
      for (const op of ["getEntry", "deleteEntry"] as const) await a.fail(op, { id }, 404, "not_found");
      await a.fail("patchEntry", { id, body: { notes: "x" } }, 404, "not_found");
    }
  });

  test("validation: 400 validation_error with errors by field, nothing created", async ({ request }) => {
    const a = api(request, await freshToken(alice));
    const before = await totalOf(a, "listEntries", { include_active: true });
    const start = "2026-03-08T09:00:00Z";
    await a.invalid("createEntry", { body: {} }, "start_time");
    await a.invalid("createEntry", { body: { start_time: 20260308 } }, "start_time");
    for (const bad of ["yesterday", "2026-02-30T10:00", "2026-03-08T25:00", "1719824400", "0000-01-01T00:00Z", "9999-12-31T23:00Z"]) {
      await a.invalid("createEntry", { body: { start_time: bad, duration_seconds: 60 } }, "start_time");
    }
    await a.invalid("createEntry", { body: { start_time: start, end_time: "2026-03-08T08:00:00Z" } }, "end_time");
    await a.invalid("createEntry", { body: { start_time: start, end_time: start } }, "end_time");
    for (const bad of [0, -5, "abc", true, 1.5, [60], 400 * 86_400]) await a.invalid("createEntry", { body: { start_time: start, duration_seconds: bad } }, "duration_seconds");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, notes: "x".repeat(501) } }, "notes");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, notes: 42 } }, "notes");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, billable: "yes" } }, "billable");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, tags: 5 } }, "tags");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, tags: ["ok", "a,b"] } }, "tags.1");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, tags: ["x".repeat(51)] } }, "tags.0");
    const many = Array.from({ length: 51 }, (_, i) => `tag${i}`);
    for (const tags of [many, many.join(",")]) {
      expect((await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, tags } }, "tags")).errors?.tags).toEqual(["At most 50 tags."]);
    }
    for (const bad of ["abc", true, -1, 0, 1.5, 2 ** 31, [billableProject.id]]) await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, project_id: bad } }, "project_id");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, project_id: 999_999_999 } }, "project_id");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, task_id: 999_999_999 } }, "task_id");
    await a.invalid("createEntry", { body: { start_time: start, duration_seconds: 60, project_id: internalProject.id, task_id: task.id } }, "task_id");
    await a.invalid("createEntry", { raw: "{\"start_time\": " }, "_");
    await a.invalid("createEntry", { raw: "[]" }, "_");
    expect(await totalOf(a, "listEntries", { include_active: true })).toBe(before);
  });
});

test.describe("sane entries", () => {
  test("no end in the future (a minute of skew is fine), at most the user's maximum length: 400 on the field that was sent", async ({ request }) => {
    const owner = await newActor("entryrules");
    const a = api(request, owner.token);
    const future = await a.invalid("createEntry", { body: { start_time: minutesFromNow(-30), end_time: minutesFromNow(5) } }, "end_time");
    expect(future.errors?.end_time?.[0]).toBe("A session cannot end in the future. Pick an end up to now, or start the timer for work that is still going on.");
    expect(Object.keys(future.errors ?? {})).toEqual(["end_time"]);
    expect((await a.invalid("createEntry", { body: { start_time: minutesFromNow(-10), duration_seconds: 3600 } }, "duration_seconds")).errors?.duration_seconds?.[0]).toMatch(/cannot end in the future/);
    const skew = (await a.ok("createEntry", { body: { start_time: minutesFromNow(-30), end_time: minutesFromNow(0.5) } })).time_entry;
    const long = await a.invalid("createEntry", { body: { start_time: "2026-02-01T08:00:00Z", duration_seconds: 24 * 3600 + 60 } }, "duration_seconds");
    expect(long.message).toBe("The session is longer than 24 h.");
    expect(long.errors?.duration_seconds?.[0]).toMatch(/^A session can be at most 24 h long \(Settings → Maximum session length\)/);
    await a.invalid("patchEntry", { id: skew.id, body: { end_time: minutesFromNow(10) } }, "end_time");
    await a.invalid("putEntry", { id: skew.id, body: { start_time: "2026-02-01T08:00:00Z" } }, "start_time");
    // Leaving the times alone is never refused.
    expect((await a.ok("patchEntry", { id: skew.id, body: { notes: "renamed" } })).time_entry.notes).toBe("renamed");
    expect(await totalOf(a, "listEntries", { include_active: true })).toBe(1);
  });

  test("a timer left running past the maximum: /timer/stop refuses, saying how to proceed; stopping at an earlier end_time works", async ({ request }) => {
    const owner = await newActor("entryrulesstop");
    const a = api(request, owner.token);
    await a.invalid("createEntry", { body: { start_time: minutesFromNow(-25 * 60) } }, "start_time");
    // Started under a higher limit, which the person has lowered since: it has now run longer than allowed.
    const session = await signedIn(owner);
    await api(session).ok("updateMe", { body: { max_entry_minutes: 48 * 60 } });
    const running = (await a.ok("createEntry", { body: { notes: "Forgotten", start_time: minutesFromNow(-25 * 60) } })).time_entry;
    await api(session).ok("updateMe", { body: { max_entry_minutes: 24 * 60 } });
    await session.dispose();
    await a.invalid("patchEntry", { id: running.id, body: { start_time: minutesFromNow(-26 * 60) } }, "start_time");
    // Starting another timer would stop this one now: refused too, with the same advice.
    const replaced = await a.fail("timerStart", { body: { notes: "Next", replace_running: true } }, 409, "conflict");
    expect(replaced.body.message).toMatch(/^The running timer was not stopped, so no new one started\. This timer has run for 25 h/);
    const refused = await a.invalid("timerStop", { body: {} }, "end_time");
    expect(refused.message).toMatch(/^This timer has run for 25 h( 1 min)?, longer than a session can be \(24 h\)\. Stop it at the time you finished, .* or earlier \(Stop at a past time…\), or raise the limit in Settings → Maximum session length\.$/);
    expect(refused.errors?.end_time).toEqual([refused.message]);
    expect((await a.ok("timerStatus")).active).toBe(true);
    const stopped = await a.ok("timerStop", { body: { end_time: minutesFromNow(-120) } });
    expect([stopped.time_entry.id, stopped.time_entry.is_active]).toEqual([running.id, false]);
  });
});

test.describe("the list", () => {
  let lister: Actor;
  let made: Record<string, number>;
  let projectA: number;

  test.beforeAll(async () => {
    lister = await newActor("lister");
    const a = api(setup, lister.token);
    projectA = (await a.ok("createProject", { body: { name: "A", billable: true } })).project.id;
    const add = async (notes: string, start: string, minutes: number, extra: object = {}) =>
      (await a.ok("createEntry", { body: { notes, start_time: start, duration_seconds: minutes * 60, ...extra } })).time_entry.id;
    made = {
      oldest: await add("oldest", "2026-01-01T09:00:00Z", 60),
      billable: await add("billable", "2026-01-02T09:00:00Z", 30, { project_id: projectA }),
      unbilled: await add("unbilled", "2026-01-03T09:00:00Z", 45, { project_id: projectA, billable: false }),
      plain: await add("plain", "2026-01-04T09:00:00Z", 15),
      newest: await add("newest", "2026-01-05T09:00:00Z", 20),
    };
    made.running = (await a.ok("createEntry", { body: { notes: "running", start_time: minutesFromNow(-5) } })).time_entry.id;
  });

  test("newest first, finished entries only unless include_active", async ({ request }) => {
    const a = api(request, lister.token);
    const all = await a.ok("listEntries");
    expect(ids(all.time_entries)).toEqual([made.newest, made.plain, made.unbilled, made.billable, made.oldest]);
    expect(all.pagination).toEqual({ page: 1, per_page: 50, total: 5, pages: 1, has_next: false, has_prev: false, next_page: null, prev_page: null });
    for (const flag of ["true", "1"]) {
      const withActive = await a.ok("listEntries", { query: { include_active: flag } });
      expect(ids(withActive.time_entries)[0]).toBe(made.running);
      expect(withActive.time_entries[0]).toMatchObject({ is_active: true, end_time: null });
      expect(withActive.time_entries[0].duration_seconds).toBeGreaterThanOrEqual(299);
      expect(withActive.pagination.total).toBe(6);
    }
    expect((await a.ok("listEntries", { query: { include_active: "false" } })).pagination.total).toBe(5);
    await a.invalid("listEntries", { query: { include_active: "maybe" } }, "include_active");
  });

  test("filters by project and by billable", async ({ request }) => {
    const a = api(request, lister.token);
    expect(ids((await a.ok("listEntries", { query: { project_id: projectA } })).time_entries)).toEqual([made.unbilled, made.billable]);
    expect(ids((await a.ok("listEntries", { query: { billable: "true" } })).time_entries)).toEqual([made.billable]);
    expect(ids((await a.ok("listEntries", { query: { billable: "0", project_id: projectA } })).time_entries)).toEqual([made.unbilled]);
    expect(ids((await a.ok("listEntries", { query: { billable: "false" } })).time_entries)).toEqual([made.newest, made.plain, made.unbilled, made.oldest]);
    expect((await a.ok("listEntries", { query: { project_id: 999_999_999 } })).time_entries).toEqual([]);
    for (const bad of ["abc", "0", "-3", "1.5", "99999999999", ""]) await a.invalid("listEntries", { query: { project_id: bad } }, "project_id");
    await a.invalid("listEntries", { query: { billable: "yes" } }, "billable");
  });

  test("start_date and end_date are inclusive local dates", async ({ request }) => {
    const a = api(request, lister.token);
    const between = async (start_date?: string, end_date?: string) => ids((await a.ok("listEntries", { query: { start_date, end_date } })).time_entries);
    expect(await between("2026-01-02", "2026-01-04")).toEqual([made.plain, made.unbilled, made.billable]);
    expect(await between("2026-01-04", "2026-01-04")).toEqual([made.plain]);
    expect(await between("2026-01-04")).toEqual([made.newest, made.plain]);
    expect(await between(undefined, "2026-01-01")).toEqual([made.oldest]);
    expect(await between("2026-01-02T09:20:00Z", "2026-01-03T09:00:00Z")).toEqual([made.billable]); // date-times: an instant range
    expect(await between("2026-02-01", "2026-02-28")).toEqual([]);
    await a.invalid("listEntries", { query: { start_date: "2026-01-05", end_date: "2026-01-04" } }, "end_date");
    for (const bad of ["2026-13-01", "2026-02-30", "yesterday", "01/02/2026", "0000-01-01", "9999-12-31"]) {
      await a.invalid("listEntries", { query: { start_date: bad } }, "start_date");
      await a.invalid("listEntries", { query: { end_date: bad } }, "end_date");
    }
  });

  test("pagination: last page, beyond it, per_page capped at 100, bad page numbers", async ({ request }) => {
    const a = api(request, lister.token);
    const first = await a.ok("listEntries", { query: { per_page: 2 } });
    expect(ids(first.time_entries)).toEqual([made.newest, made.plain]);
    expect(first.pagination).toEqual({ page: 1, per_page: 2, total: 5, pages: 3, has_next: true, has_prev: false, next_page: 2, prev_page: null });
    const middle = await a.ok("listEntries", { query: { per_page: 2, page: 2 } });
    expect(ids(middle.time_entries)).toEqual([made.unbilled, made.billable]);
    expect(middle.pagination).toMatchObject({ has_next: true, has_prev: true, next_page: 3, prev_page: 1 });
    const last = await a.ok("listEntries", { query: { per_page: 2, page: 3 } });
    expect(ids(last.time_entries)).toEqual([made.oldest]);
    expect(last.pagination).toEqual({ page: 3, per_page: 2, total: 5, pages: 3, has_next: false, has_prev: true, next_page: null, prev_page: 2 });
    const beyond = await a.ok("listEntries", { query: { per_page: 2, page: 9 } });
    expect(beyond.time_entries).toEqual([]);
    expect(beyond.pagination).toMatchObject({ page: 9, total: 5, pages: 3, has_next: false, next_page: null, has_prev: true });
    const capped = await a.ok("listEntries", { query: { per_page: 1000 } });
    expect([capped.pagination.per_page, capped.time_entries.length]).toEqual([100, 5]);
    expect((await a.ok("listEntries", { query: { per_page: 100 } })).pagination.per_page).toBe(100);
    for (const bad of ["0", "-1", "abc", "1.5", ""]) {
      await a.invalid("listEntries", { query: { page: bad } }, "page");
      await a.invalid("listEntries", { query: { per_page: bad } }, "per_page");
    }
  });

  test("cursor: next_cursor walks the same pages as page numbers; the last page has none; a tampered cursor is a 400 on cursor", async ({ request }) => {
    const a = api(request, lister.token);
    const first = await a.ok("listEntries", { query: { per_page: 2 } });
    const second = await a.ok("listEntries", { query: { per_page: 2, cursor: first.next_cursor! } });
    expect([ids(second.time_entries), second.pagination.page, second.pagination.total]).toEqual([[made.unbilled, made.billable], 2, 5]);
    const third = await a.ok("listEntries", { query: { per_page: 2, cursor: second.next_cursor! } });
    expect([ids(third.time_entries), third.next_cursor, third.pagination.has_next]).toEqual([[made.oldest], null, false]);
    for (const bad of ["x", `${first.next_cursor}A`, Buffer.from('["entries","1",1]').toString("base64url")]) {
      await a.invalid("listEntries", { query: { cursor: bad } }, "cursor");
    }
  });

  test("change feed: updated_since, then cursor, oldest change first; deletions as tombstones with include_deleted", async ({ request }) => {
    const a = api(request, (await newActor("feed")).token);
    const since = new Date(Date.now() - 1000).toISOString();
    const edited = (await a.ok("createEntry", { body: { notes: "feed one", start_time: "2026-02-02T09:00:00Z", end_time: "2026-02-02T09:30:00Z" } })).time_entry.id;
    const deleted = (await a.ok("createEntry", { body: { notes: "feed two", start_time: "2026-02-03T09:00:00Z", end_time: "2026-02-03T09:30:00Z" } })).time_entry.id;
    await a.ok("patchEntry", { id: edited, body: { notes: "feed one, edited" } });
    await a.ok("deleteEntry", { id: deleted });
    type Feed = { time_entries: ({ id: number; notes?: string; deleted?: true; deleted_at?: string })[]; next_cursor: string; has_more: boolean };
    const page = (await a.ok("listEntries", { query: { updated_since: since, include_deleted: "true", per_page: 1 } })) as unknown as Feed;
    const rest = (await a.ok("listEntries", { query: { cursor: page.next_cursor, include_deleted: "true" } })) as unknown as Feed;
    const changes = [...page.time_entries, ...rest.time_entries].filter((c) => c.id === edited || c.id === deleted);
    expect(changes.map((c) => (c.deleted ? `deleted ${c.id}` : c.notes))).toEqual(["feed one, edited", `deleted ${deleted}`]);
    expect(rest.has_more).toBe(false);
    const without = (await a.ok("listEntries", { query: { updated_since: since } })) as unknown as Feed;
    expect(without.time_entries.some((c) => c.deleted)).toBe(false);
    await a.invalid("listEntries", { query: { updated_since: "last week" } }, "updated_since");
    // A list filter would be ignored by the feed (it serves every change): refused, by name.
    const filtered = await a.invalid("listEntries", { query: { updated_since: since, project_id: 1 } }, "project_id");
    expect(filtered.errors?.project_id?.[0]).toContain("filter on your side");
  });

  test("user_id names a member of the workspace: anyone else is 404, even for the instance's admin; one's own is fine", async ({ request }) => {
    // (Owners, admins, managers and members of one workspace: lib/entries/team.int.test.ts.)
    const asAdmin = api(request, admin.token);
    const missing = await asAdmin.fail("listEntries", { query: { user_id: lister.id } }, 404, "not_found");
    expect(missing.body.message).toBe("No such member in this workspace.");
    await asAdmin.fail("listEntries", { query: { user_id: 999_999_999 } }, 404, "not_found");
    expect((await asAdmin.ok("listEntries")).time_entries.every((e) => e.user_id === admin.id)).toBe(true);
    const own = api(request, lister.token);
    const mine = await own.ok("listEntries", { query: { user_id: lister.id } });
    expect(ids(mine.time_entries)).toEqual([made.newest, made.plain, made.unbilled, made.billable, made.oldest]);
    expect((await own.ok("listEntries", { query: { user_id: lister.id, project_id: projectA } })).pagination.total).toBe(2);
    await own.fail("listEntries", { query: { user_id: alice.id } }, 404, "not_found");
    await own.invalid("listEntries", { query: { user_id: "me" } }, "user_id");
  });
});

test.describe("time zones", () => {
  let tokyo: TestUser;
  let client: Api;

  test.beforeAll(async () => {
    tokyo = await createUser("tokyo");
    // A regular user changes their zone with the browser's session (a token would need admin:all).
    const session = await signedIn(tokyo);
    expect((await api(session).ok("updateMe", { body: { timezone: "Asia/Tokyo" } })).user.timezone).toBe("Asia/Tokyo");
    await session.dispose();
    client = api(setup, (await mintToken(tokyo, USER_SCOPES)).token);
  });

  test("date-times without an offset are the user's wall clock; answers are UTC", async () => {
    const e = (await client.ok("createEntry", { body: { start_time: "2026-07-01T09:00", end_time: "2026-07-01T09:30:00" } })).time_entry;
    expect([e.start_time, e.end_time]).toEqual(["2026-07-01T00:00:00.000Z", "2026-07-01T00:30:00.000Z"]);
    const withOffset = (await client.ok("createEntry", { body: { start_time: "2026-07-01T09:00:00-04:00", duration_seconds: 60 } })).time_entry;
    expect(withOffset.start_time).toBe("2026-07-01T13:00:00.000Z");
    const bareDate = (await client.ok("createEntry", { body: { start_time: "2026-07-02", duration_seconds: 60 } })).time_entry;
    expect(bareDate.start_time).toBe("2026-07-01T15:00:00.000Z");
  });

  test("start_date and end_date are days in the user's zone", async () => {
    const add = async (notes: string, start: string, end: string) => (await client.ok("createEntry", { body: { notes, start_time: start, end_time: end } })).time_entry.id;
    const night = await add("night", "2026-01-09T23:00", "2026-01-10T01:00"); // across local midnight
    const morning = await add("morning", "2026-01-10T09:00", "2026-01-10T10:00");
    const late = await add("late", "2026-01-10T23:30", "2026-01-10T23:45");
    const nextDay = await add("next day", "2026-01-11T00:30", "2026-01-11T01:00"); // still January 10th in UTC
    const on = async (start_date: string, end_date: string) => ids((await client.ok("listEntries", { query: { start_date, end_date } })).time_entries);
    expect(await on("2026-01-10", "2026-01-10")).toEqual([late, morning, night]);
    expect(await on("2026-01-11", "2026-01-11")).toEqual([nextDay]);
    expect(await on("2026-01-09", "2026-01-09")).toEqual([night]);
    expect(await on("2026-01-09", "2026-01-11")).toEqual([nextDay, late, morning, night]);
  });
});
