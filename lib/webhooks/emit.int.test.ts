import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEvents, webhooks, type WebhookEvent } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { createClient, deleteClient, getClientOrThrow, serializeClient, updateClient } from "@/lib/clients/service";
import { createEntry, deleteEntry, getEntryOrThrow, restoreEntry, updateEntry } from "@/lib/entries/service";
import { serializeEntry } from "@/lib/entries/serialize";
import { archiveProject, createProject, getProjectOrThrow, serializeProject, updateProject } from "@/lib/projects/service";
import { createTask, deleteTask, getTaskOrThrow, serializeTask, updateTask } from "@/lib/tasks/service";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { startTimer, stopTimer } from "@/lib/timer/service";
import { emitEvent, emitEvents, emitEventTo } from "./emit";
import type { WebhookEventType } from "./event-types";
import { createWebhook, updateWebhook } from "./service";

// Changes raise their events in their own transaction, with the resource in its API shape, and queue one
// delivery per active endpoint of the workspace that subscribes to the event (or to *).

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const hook = async (user: TestUser, events: string[]) => (await createWebhook(t.db, user.actor, { url: "https://hooks.example.com/x", events: events as never })).webhook;

const eventsOf = (workspaceId: number): Promise<WebhookEvent[]> =>
  t.db.select().from(webhookEvents).where(eq(webhookEvents.workspaceId, workspaceId)).orderBy(asc(webhookEvents.createdAt), asc(webhookEvents.id));

/** Events raised since `since` (the count of events before), in the order they were written (the events of
 *  one statement, e.g. a timer's start, in any order among themselves). */
async function newEvents(workspaceId: number, since: number): Promise<{ type: string; data: Record<string, unknown> }[]> {
  // Within one transaction created_at is the same instant: order by the delivery ids, which follow writing order.
  const rows = await t.db
    .select({ type: webhookEvents.type, data: webhookEvents.data, delivery: webhookDeliveries.id })
    .from(webhookEvents)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.eventId, webhookEvents.id))
    .where(eq(webhookEvents.workspaceId, workspaceId))
    .orderBy(asc(webhookDeliveries.id));
  return rows.slice(since).map(({ type, data }) => ({ type, data }));
}

const byType = (a: { type: string }, b: { type: string }) => a.type.localeCompare(b.type);
const typesOf = (events: { type: string }[]) => events.map((e) => e.type).sort();

const deliveriesOf = (webhookId: number) => t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));

describe("emitEvent", () => {
  it("writes nothing at all when no endpoint listens", async () => {
    const user = await makeUser(t.db);
    await emitEvent(t.db, user.workspaceId, "client.created", { id: 1 });
    const paused = await hook(user, ["*"]);
    await updateWebhook(t.db, user.actor, paused.id, { active: false });
    await hook(user, ["task.created"]);
    await emitEvent(t.db, user.workspaceId, "client.created", { id: 2 });
    expect(await eventsOf(user.workspaceId)).toEqual([]);
  });

  it("one event, one delivery per active endpoint that subscribes to it or to *; none to others or other workspaces", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const exact = await hook(user, ["client.created", "client.deleted"]);
    const all = await hook(user, ["*"]);
    const elsewhere = await hook(user, ["task.created"]);
    const paused = await hook(user, ["*"]);
    await updateWebhook(t.db, user.actor, paused.id, { active: false });
    const theirs = await hook(other, ["*"]);
    await emitEvent(t.db, user.workspaceId, "client.created", { id: 7, name: "Acme" });
    const [event] = await eventsOf(user.workspaceId);
    expect(event).toMatchObject({ id: expect.stringMatching(/^evt_[0-9a-f]{24}$/), type: "client.created", data: { id: 7, name: "Acme" } });
    const deliveries = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, event.id));
    expect(deliveries.map((d) => d.webhookId).sort((a, b) => a - b)).toEqual([exact.id, all.id]);
    for (const d of deliveries) expect(d).toMatchObject({ status: "pending", attempts: 0, workspaceId: user.workspaceId });
    expect(await deliveriesOf(elsewhere.id)).toEqual([]);
    expect(await deliveriesOf(paused.id)).toEqual([]);
    expect(await deliveriesOf(theirs.id)).toEqual([]);
    expect(await eventsOf(other.workspaceId)).toEqual([]);
  });

  it("a rolled-back transaction leaves no event and no delivery", async () => {
    const user = await makeUser(t.db);
    const endpoint = await hook(user, ["*"]);
    await expect(
      t.db.transaction(async (tx) => {
        await emitEvent(tx, user.workspaceId, "client.created", { id: 1 });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await eventsOf(user.workspaceId)).toEqual([]);
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    // A service whose change is refused raises nothing either.
    await createClient(t.db, user.actor, { name: "Taken" });
    const before = (await eventsOf(user.workspaceId)).length;
    await expect(createClient(t.db, user.actor, { name: "Taken" })).rejects.toMatchObject({ code: "validation_error" });
    expect(await eventsOf(user.workspaceId)).toHaveLength(before);
  });

  it("emitEvents records, in one statement, only the events some endpoint subscribes to", async () => {
    const user = await makeUser(t.db);
    const started = await hook(user, ["timer.started"]);
    const both = await hook(user, ["timer.started", "time_entry.created"]);
    await emitEvents(t.db, user.workspaceId, [
      { type: "time_entry.created", data: { id: 1 } },
      { type: "timer.started", data: { id: 1 } },
      { type: "client.deleted", data: { id: 2, deleted: true } },
    ]);
    const events = await eventsOf(user.workspaceId);
    expect(events.map((e) => e.type).sort()).toEqual(["time_entry.created", "timer.started"]);
    expect((await deliveriesOf(started.id)).map((d) => events.find((e) => e.id === d.eventId)?.type)).toEqual(["timer.started"]);
    expect((await deliveriesOf(both.id)).map((d) => events.find((e) => e.id === d.eventId)?.type).sort()).toEqual(["time_entry.created", "timer.started"]);
    // Nobody listening: nothing.
    const quiet = await makeUser(t.db);
    await emitEvents(t.db, quiet.workspaceId, [
      { type: "time_entry.created", data: { id: 1 } },
      { type: "timer.started", data: { id: 1 } },
    ]);
    expect(await eventsOf(quiet.workspaceId)).toEqual([]);
  });

  it("emitEventTo queues for the one endpoint named, whatever it subscribes to", async () => {
    const user = await makeUser(t.db);
    const target = await hook(user, ["task.created"]);
    const bystander = await hook(user, ["*"]);
    const delivery = await t.db.transaction((tx) => emitEventTo(tx, user.workspaceId, target.id, "ping", { webhook_id: target.id, message: "hi" }));
    expect(delivery).toMatchObject({ webhookId: target.id, status: "pending" });
    expect(await deliveriesOf(bystander.id)).toEqual([]);
    const [event] = await t.db.select().from(webhookEvents).where(eq(webhookEvents.id, delivery.eventId));
    expect(event).toMatchObject({ type: "ping", data: { webhook_id: target.id, message: "hi" } });
  });
});

describe("each change raises its event, with the resource in its API shape as committed", () => {
  let user: TestUser;
  let seen = 0;
  beforeAll(async () => {
    user = await makeUser(t.db);
    await hook(user, ["*"]);
  });
  /** The events raised by `change`, in order. */
  async function raised(change: () => Promise<unknown>): Promise<{ type: WebhookEventType; data: Record<string, unknown> }[]> {
    await change();
    const events = await newEvents(user.workspaceId, seen);
    seen += events.length;
    return events as never;
  }

  it("time entries: created, updated, deleted (as a tombstone), restored (created again)", async () => {
    const project = await createProject(t.db, user.actor, { name: "Entries project" });
    seen = (await newEvents(user.workspaceId, 0)).length;
    let id = 0;
    const [created] = await raised(async () => {
      id = (await createEntry(t.db, user.actor, { project_id: project.id, start_time: "2026-03-02T09:00:00Z", duration_seconds: 3600, notes: "Design", tags: ["b", "a"] })).entry.id;
    });
    const now = await getEntryOrThrow(t.db, user.actor, id);
    expect(created).toEqual({ type: "time_entry.created", data: serializeEntry(now) });
    expect(created.data).toMatchObject({ project: "Entries project", tag_list: ["a", "b"], duration_seconds: 3600 });

    const [updated] = await raised(() => updateEntry(t.db, user.actor, id, { notes: "Design review", tags: ["c"] }));
    expect(updated).toEqual({ type: "time_entry.updated", data: serializeEntry(await getEntryOrThrow(t.db, user.actor, id)) });
    expect(updated.data).toMatchObject({ notes: "Design review", tags: "c" });

    expect(await raised(() => deleteEntry(t.db, user.actor, id))).toEqual([{ type: "time_entry.deleted", data: { id, deleted: true } }]);
    const [restored] = await raised(() => restoreEntry(t.db, user.actor, id));
    expect(restored).toEqual({ type: "time_entry.created", data: serializeEntry(await getEntryOrThrow(t.db, user.actor, id)) });
  });

  it("the timer: started is also time_entry.created, stopped also time_entry.updated; a replaced timer is stopped", async () => {
    seen = (await newEvents(user.workspaceId, 0)).length;
    const start = new Date(Date.now() - 3_600_000);
    const first = await startTimer(t.db, user.actor, { notes: "first" }, { stopRunning: true, now: start });
    const events = await newEvents(user.workspaceId, seen);
    seen += events.length;
    const firstShape = serializeEntry(first, start);
    expect(events.sort(byType)).toEqual([
      { type: "time_entry.created", data: firstShape },
      { type: "timer.started", data: firstShape },
    ]);
    expect(firstShape).toMatchObject({ is_active: true, end_time: null, notes: "first" });

    const replaced = await raised(() => startTimer(t.db, user.actor, { notes: "second" }, { stopRunning: true }));
    expect(typesOf(replaced)).toEqual(["time_entry.created", "time_entry.updated", "timer.started", "timer.stopped"]);
    const of = (events: typeof replaced, type: string) => events.find((e) => e.type === type)!.data;
    expect(of(replaced, "time_entry.updated")).toMatchObject({ id: first.entry.id, is_active: false, notes: "first" });
    expect(of(replaced, "timer.stopped")).toEqual(of(replaced, "time_entry.updated"));
    expect(of(replaced, "time_entry.created")).toMatchObject({ is_active: true, notes: "second" });
    expect(of(replaced, "timer.started")).toEqual(of(replaced, "time_entry.created"));

    const stopped = (await raised(() => stopTimer(t.db, user.actor, {}))).sort(byType);
    expect(typesOf(stopped)).toEqual(["time_entry.updated", "timer.stopped"]);
    expect(stopped[0].data).toEqual(serializeEntry(await getEntryOrThrow(t.db, user.actor, stopped[0].data.id as number)));
    expect(stopped[0].data).toMatchObject({ notes: "second", is_active: false });

    // POST /time-entries without an end starts a timer (the same two events); an end given to it stops it.
    const running = await raised(() => createEntry(t.db, user.actor, { start_time: new Date(Date.now() - 60_000).toISOString(), notes: "api timer" }));
    expect(typesOf(running)).toEqual(["time_entry.created", "timer.started"]);
    const ended = await raised(() => updateEntry(t.db, user.actor, running[0].data.id as number, { end_time: new Date().toISOString() }));
    expect(typesOf(ended)).toEqual(["time_entry.updated", "timer.stopped"]);
    expect(ended[0].data).toMatchObject({ is_active: false, notes: "api timer" });
  });

  it("projects: created, updated, archived when the status becomes archived", async () => {
    seen = (await newEvents(user.workspaceId, 0)).length;
    const client = await createClient(t.db, user.actor, { name: "Project client" });
    seen += 1;
    let id = 0;
    const [created] = await raised(async () => {
      id = (await createProject(t.db, user.actor, { name: "Website", client_id: client.id, hourly_rate: 80 })).id;
    });
    expect(created).toEqual({ type: "project.created", data: serializeProject(await getProjectOrThrow(t.db, user.actor, id)) });
    expect(created.data).toMatchObject({ name: "Website", client: "Project client", hourly_rate: 80, status: "active" });
    const [updated] = await raised(() => updateProject(t.db, user.actor, id, { name: "Website 2", status: "on_hold" }));
    expect(updated).toEqual({ type: "project.updated", data: serializeProject(await getProjectOrThrow(t.db, user.actor, id)) });
    const [archived] = await raised(() => archiveProject(t.db, user.actor, id));
    expect(archived).toMatchObject({ type: "project.archived", data: { id, name: "Website 2", status: "archived" } });
    // Archived again, or changed while archived: an update.
    expect((await raised(() => updateProject(t.db, user.actor, id, { description: "old" }))).map((e) => e.type)).toEqual(["project.updated"]);
    // Nothing sent, nothing changed: no event.
    expect(await raised(() => updateProject(t.db, user.actor, id, {}))).toEqual([]);
  });

  it("clients: created, updated, deleted (as a tombstone)", async () => {
    seen = (await newEvents(user.workspaceId, 0)).length;
    let id = 0;
    const [created] = await raised(async () => {
      id = (await createClient(t.db, user.actor, { name: "Globex", email: "ap@globex.example" })).id;
    });
    expect(created).toEqual({ type: "client.created", data: serializeClient(await getClientOrThrow(t.db, user.actor, id)) });
    const [updated] = await raised(() => updateClient(t.db, user.actor, id, { company: "Globex Corp", archived: true }));
    expect(updated).toEqual({ type: "client.updated", data: serializeClient(await getClientOrThrow(t.db, user.actor, id)) });
    expect(updated.data).toMatchObject({ company: "Globex Corp", archived: true, status: "archived" });
    expect(await raised(() => deleteClient(t.db, user.actor, id))).toEqual([{ type: "client.deleted", data: { id, deleted: true } }]);
  });

  it("tasks: created, updated, completed when the status becomes done", async () => {
    const project = await createProject(t.db, user.actor, { name: "Tasks project" });
    seen = (await newEvents(user.workspaceId, 0)).length;
    let id = 0;
    const [created] = await raised(async () => {
      id = (await createTask(t.db, user.actor, { name: "Wireframes", project_id: project.id, priority: 3 })).id;
    });
    expect(created).toEqual({ type: "task.created", data: serializeTask(await getTaskOrThrow(t.db, user.actor, id)) });
    expect(created.data).toMatchObject({ project: "Tasks project", priority: "high", status: "todo" });
    const [updated] = await raised(() => updateTask(t.db, user.actor, id, { status: "in_progress" }));
    expect(updated).toEqual({ type: "task.updated", data: serializeTask(await getTaskOrThrow(t.db, user.actor, id)) });
    const [completed] = await raised(() => updateTask(t.db, user.actor, id, { status: "done" }));
    expect(completed).toMatchObject({ type: "task.completed", data: { id, status: "done" } });
    expect((await raised(() => updateTask(t.db, user.actor, id, { name: "Wireframes v2" }))).map((e) => e.type)).toEqual(["task.updated"]);
    // There is no task.deleted event (yet): deleting raises nothing.
    expect(await raised(() => deleteTask(t.db, user.actor, id))).toEqual([]);
  });

  it("every delivery of those events went to the workspace's one endpoint", async () => {
    const [endpoint] = await t.db.select().from(webhooks).where(eq(webhooks.workspaceId, user.workspaceId));
    const events = await eventsOf(user.workspaceId);
    const deliveries = await t.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.eventId, events.map((e) => e.id)));
    expect(deliveries).toHaveLength(events.length);
    expect(new Set(deliveries.map((d) => d.webhookId))).toEqual(new Set([endpoint.id]));
  });
});
