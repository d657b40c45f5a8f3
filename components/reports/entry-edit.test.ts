import { describe, expect, it } from "vitest";
import { draftOf, draftProblems, entryPatch } from "./entry-edit";

const entry = { description: "Hotfix", project_id: 4, task_id: 7, tags: ["design", "urgent"], billable: true, start_time: "2026-11-10T13:00:30.000Z", end_time: "2026-11-10T13:30:00.000Z" };

describe("editing a report's entry in place", () => {
  it("shows the times as wall-clock text of the report's zone", () => {
    expect(draftOf(entry, "UTC")).toEqual({ description: "Hotfix", projectId: 4, taskId: 7, tags: ["design", "urgent"], billable: true, start: "2026-11-10T13:00", end: "2026-11-10T13:30" });
    expect(draftOf(entry, "Europe/Brussels")).toMatchObject({ start: "2026-11-10T14:00", end: "2026-11-10T14:30" });
    expect(draftOf({ ...entry, end_time: null }, "UTC").end).toBeNull();
  });

  it("sends only what changed: an untouched start keeps its seconds", () => {
    const initial = draftOf(entry, "UTC");
    expect(entryPatch(initial, { ...initial })).toBeNull();
    expect(entryPatch(initial, { ...initial, description: "  Hotfix  " })).toBeNull();
    expect(entryPatch(initial, { ...initial, description: " Hotfix 2 ", end: "2026-11-10T14:00" })).toEqual({ notes: "Hotfix 2", end_time: "2026-11-10T14:00" });
    expect(entryPatch(initial, { ...initial, billable: false })).toEqual({ billable: false });
  });

  it("drops the task with a new project (it was the old project's), or sends the new project's task chosen after it", () => {
    const initial = draftOf(entry, "UTC");
    // The row clears the task when the project changes; a stale one is never sent with a new project anyway.
    expect(entryPatch(initial, { ...initial, projectId: null, taskId: null })).toEqual({ project_id: null, task_id: null });
    expect(entryPatch(initial, { ...initial, projectId: null })).toEqual({ project_id: null, task_id: null });
    expect(entryPatch(initial, { ...initial, projectId: 9, taskId: null })).toEqual({ project_id: 9, task_id: null });
    expect(entryPatch(initial, { ...initial, projectId: 9, taskId: 12 })).toEqual({ project_id: 9, task_id: 12 });
  });

  it("sends a new task of the same project alone, and none to clear it", () => {
    const initial = draftOf(entry, "UTC");
    expect(entryPatch(initial, { ...initial, taskId: 8 })).toEqual({ task_id: 8 });
    expect(entryPatch(initial, { ...initial, taskId: null })).toEqual({ task_id: null });
  });

  it("sends the whole new list of tags when the set changed, not when only order or case did", () => {
    const initial = draftOf(entry, "UTC");
    expect(entryPatch(initial, { ...initial, tags: ["urgent", "Design"] })).toBeNull();
    expect(entryPatch(initial, { ...initial, tags: ["urgent"] })).toEqual({ tags: ["urgent"] });
    expect(entryPatch(initial, { ...initial, tags: ["design", "urgent", "review"] })).toEqual({ tags: ["design", "urgent", "review"] });
    expect(entryPatch(initial, { ...initial, tags: [] })).toEqual({ tags: [] });
  });

  it("never sends an end for a running entry", () => {
    const initial = draftOf({ ...entry, end_time: null }, "UTC");
    expect(entryPatch(initial, { ...initial, start: "2026-11-10T12:00" })).toEqual({ start_time: "2026-11-10T12:00" });
    expect(draftProblems(initial, { ...initial, start: "2026-11-10T12:00" })).toEqual({});
  });

  it("says what is wrong: an empty new name, a missing time, an end before the start", () => {
    const initial = draftOf(entry, "UTC");
    expect(draftProblems(initial, { ...initial, description: "  " })).toEqual({ description: "Give the session a name." });
    // An entry that had no description may keep none.
    const unnamed = draftOf({ ...entry, description: "" }, "UTC");
    expect(draftProblems(unnamed, unnamed)).toEqual({});
    expect(draftProblems(initial, { ...initial, start: "" })).toEqual({ start: "Enter when it started, with a date and a time." });
    expect(draftProblems(initial, { ...initial, end: "2026-11-10T13:00" })).toEqual({ end: "Pick an end after the start." });
    expect(draftProblems(initial, { ...initial, end: "2026-11-10T12:00" })).toEqual({ end: "Pick an end after the start." });
  });
});
