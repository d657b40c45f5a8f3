import type { APIRequestContext } from "@playwright/test";
import { api, expect, minutesFromNow, newActor, setupContext, test, totalOf, type Actor, type Api } from "./api-fixtures";

let alice: Actor;
let setup: APIRequestContext;
let project: { id: number };
let task: { id: number };

test.beforeAll(async () => {
  alice = await newActor("timer");
  setup = await setupContext();
  const a = api(setup, alice.token);
  const client = (await a.ok("createClient", { body: { name: "Globex" } })).client;
  project = (await a.ok("createProject", { body: { name: "Timer project", client_id: client.id, billable: true } })).project;
  task = (await a.ok("createTask", { body: { name: "Timer task", project_id: project.id } })).task;
});
test.afterAll(() => setup?.dispose());

// Each test starts without a running timer.
test.beforeEach(async () => {
  const a = api(setup, alice.token);
  if ((await a.ok("timerStatus")).active) await a.ok("timerStop");
});

async function expectIdle(a: Api) {
  const status = await a.ok("timerStatus");
  expect([status.active, status.timer]).toEqual([false, null]);
  expect(Math.abs(Date.parse(status.server_time) - Date.now())).toBeLessThan(60_000);
}

test("start, status, stop: the documented shapes and the 409/400 conflicts", async ({ request }) => {
  const a = api(request, alice.token);
  await expectIdle(a);
  await a.fail("timerStop", {}, 400, "no_active_timer");

  const before = Date.now();
  const started = await a.ok("timerStart", { body: { project_id: project.id, task_id: task.id, notes: "Deep work", tags: ["focus", "deep"] } });
  expect(started.message).toBe("Timer started");
  const timer = started.timer;
  expect(timer).toMatchObject({
    user_id: alice.id,
    project_id: project.id,
    project: "Timer project",
    client: "Globex",
    task_id: task.id,
    task: "Timer task",
    notes: "Deep work",
    tags: "deep,focus",
    end_time: null,
    is_active: true,
    billable: true,
    source: "api",
  });
  expect(Date.parse(timer.start_time)).toBeGreaterThanOrEqual(before - 2000);

  const status = await a.ok("timerStatus");
  expect(status.active).toBe(true);
  expect(status.timer).toMatchObject({ id: timer.id, is_active: true, end_time: null, start_time: timer.start_time });

  // One timer at a time: a second start, or an entry without an end, is a 409.
  await a.fail("timerStart", { body: {} }, 409, "timer_already_running");
  await a.fail("createEntry", { body: { start_time: minutesFromNow(-1) } }, 409, "timer_already_running");
  expect((await a.ok("timerStatus")).timer?.id).toBe(timer.id);

  const stopped = await a.ok("timerStop");
  expect(stopped.message).toBe("Timer stopped");
  expect(stopped.time_entry).toMatchObject({ id: timer.id, is_active: false, notes: "Deep work" });
  expect(Date.parse(stopped.time_entry.end_time!)).toBeGreaterThanOrEqual(Date.parse(timer.start_time));
  await a.fail("timerStop", {}, 400, "no_active_timer");
  await expectIdle(a);
  // The stopped session is an entry like any other.
  expect((await a.ok("getEntry", { id: timer.id })).time_entry).toEqual(stopped.time_entry);
});

test("everything is optional: an empty body or no body at all starts a timer", async ({ request }) => {
  const a = api(request, alice.token);
  const empty = (await a.ok("timerStart", { body: {} })).timer;
  expect(empty).toMatchObject({ project_id: null, task_id: null, notes: "", tags: "", tag_list: [], billable: false });
  await a.ok("timerStop");
  const none = (await a.ok("timerStart")).timer;
  expect(none.is_active).toBe(true);
  await a.ok("timerStop", { raw: "" });
});

test("a task implies its project; replace_running stops the running timer at the same instant", async ({ request }) => {
  const a = api(request, alice.token);
  const first = (await a.ok("timerStart", { body: { task_id: task.id } })).timer;
  expect(first.project_id).toBe(project.id);
  const second = (await a.ok("timerStart", { body: { notes: "Next", replace_running: true } })).timer;
  expect(second.id).not.toBe(first.id);
  const previous = (await a.ok("getEntry", { id: first.id })).time_entry;
  expect(previous.is_active).toBe(false);
  expect(previous.end_time).toBe(second.start_time);
  expect((await a.ok("timerStatus")).timer?.id).toBe(second.id);
});

test("a forgotten timer stops at a past end_time, never before its start or in the future", async ({ request }) => {
  const a = api(request, alice.token);
  const running = (await a.ok("createEntry", { body: { notes: "Forgotten", start_time: minutesFromNow(-120) } })).time_entry;
  expect(running.is_active).toBe(true);
  expect((await a.ok("timerStatus")).timer?.id).toBe(running.id);
  await a.invalid("timerStop", { body: { end_time: new Date(Date.parse(running.start_time) - 60_000).toISOString() } }, "end_time");
  await a.invalid("timerStop", { body: { end_time: minutesFromNow(30) } }, "end_time");
  await a.invalid("timerStop", { body: { end_time: "garbage" } }, "end_time");
  await a.invalid("timerStop", { body: { end_time: 12 } }, "end_time");
  expect((await a.ok("timerStatus")).active).toBe(true);
  const end = new Date(Date.parse(running.start_time) + 3_600_000).toISOString();
  const stopped = (await a.ok("timerStop", { body: { end_time: end } })).time_entry;
  expect([stopped.id, stopped.end_time, stopped.duration_seconds, stopped.duration_hours]).toEqual([running.id, end, 3600, 1]);
});

test("a running entry cannot start in the future", async ({ request }) => {
  const a = api(request, alice.token);
  await a.invalid("createEntry", { body: { start_time: minutesFromNow(60) } }, "start_time");
  await expectIdle(a);
});

test("invalid starts are 400 by field and start nothing", async ({ request }) => {
  const a = api(request, alice.token);
  await a.invalid("timerStart", { body: { notes: 5 } }, "notes");
  await a.invalid("timerStart", { body: { notes: "x".repeat(501) } }, "notes");
  await a.invalid("timerStart", { body: { project_id: "abc" } }, "project_id");
  await a.invalid("timerStart", { body: { project_id: 999_999_999 } }, "project_id");
  await a.invalid("timerStart", { body: { task_id: true } }, "task_id");
  await a.invalid("timerStart", { body: { billable: "yes" } }, "billable");
  await a.invalid("timerStart", { body: { tags: { a: 1 } } }, "tags");
  await a.invalid("timerStart", { body: { replace_running: "yes" } }, "replace_running");
  await a.invalid("timerStart", { raw: "{not json" }, "_");
  await a.invalid("timerStart", { raw: "\"a string\"" }, "_");
  await expectIdle(a);
});

test("simultaneous starts: exactly one timer runs, the others are 409", async ({ request }) => {
  const a = api(request, alice.token);
  const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => a.call("timerStart", { body: { notes: `Racer ${i}` } })));
  expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  const winner = replies.find((r) => r.status === 201)!.body as { timer: { id: number } };
  expect((await a.ok("timerStatus")).timer?.id).toBe(winner.timer.id);
  const running = (await a.ok("listEntries", { query: { include_active: true, per_page: 100 } })).time_entries.filter((e) => e.is_active);
  expect(running.map((e) => e.id)).toEqual([winner.timer.id]);
});

test("simultaneous starts with replace_running: every one succeeds, the last one runs", async ({ request }) => {
  const a = api(request, alice.token);
  const before = await totalOf(a, "listEntries", { include_active: true });
  const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => a.call("timerStart", { body: { notes: `Tab ${i}`, replace_running: true } })));
  expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
  const entries = (await a.ok("listEntries", { query: { include_active: true, per_page: 100 } })).time_entries.slice(0, 8);
  expect(await totalOf(a, "listEntries", { include_active: true })).toBe(before + 8);
  expect(entries.filter((e) => e.is_active)).toHaveLength(1);
  expect((await a.ok("timerStatus")).timer?.id).toBe(entries.find((e) => e.is_active)!.id);
  for (const e of entries) if (e.end_time) expect(Date.parse(e.end_time)).toBeGreaterThanOrEqual(Date.parse(e.start_time));
});
