import { api, expect, newActor, test, type Actor } from "./api-fixtures";

let alice: Actor;

test.beforeAll(async () => {
  alice = await newActor("tags");
});

test("tags: list with usage counts, create, rename, delete (removed from entries)", async ({ request }) => {
  const a = api(request, alice.token);
  expect(await a.ok("listTags")).toEqual({ tags: [] });
  const created = await a.ok("createTag", { body: { name: " Review " } });
  expect(created.message).toBe("Tag created");
  expect(created.tag).toMatchObject({ name: "Review", entries: 0 });
  const review = created.tag;

  // Entries create the tags they name (matching existing ones whatever the case).
  const e1 = (await a.ok("createEntry", { body: { start_time: "2026-05-01T09:00Z", duration_seconds: 600, tags: "review, Meeting" } })).time_entry;
  const e2 = (await a.ok("createEntry", { body: { start_time: "2026-05-01T10:00Z", duration_seconds: 600, tags: ["meeting"] } })).time_entry;
  expect(e1.tag_list).toEqual(["Meeting", "Review"]);
  expect(e2.tag_list).toEqual(["Meeting"]);
  const listed = (await a.ok("listTags")).tags;
  expect(listed.map((t) => [t.name, t.entries])).toEqual([
    ["Meeting", 2],
    ["Review", 1],
  ]);
  const meeting = listed.find((t) => t.name === "Meeting")!;

  const renamed = await a.ok("putTag", { id: review.id, body: { name: "Code review" } });
  expect(renamed).toEqual({ message: "Tag renamed", tag: { id: review.id, name: "Code review", entries: 1 } });
  expect((await a.ok("getEntry", { id: e1.id })).time_entry.tag_list).toEqual(["Code review", "Meeting"]);
  expect((await a.ok("patchTag", { id: meeting.id, body: { name: "Meetings" } })).tag).toEqual({ id: meeting.id, name: "Meetings", entries: 2 });

  expect(await a.ok("deleteTag", { id: meeting.id })).toEqual({ message: "Tag deleted" });
  expect((await a.ok("getEntry", { id: e1.id })).time_entry).toMatchObject({ tags: "Code review", tag_list: ["Code review"] });
  expect((await a.ok("getEntry", { id: e2.id })).time_entry).toMatchObject({ tags: "", tag_list: [] });
  expect((await a.ok("listTags")).tags.map((t) => t.name)).toEqual(["Code review"]);
  for (const op of ["putTag", "patchTag"] as const) await a.fail(op, { id: meeting.id, body: { name: "Back" } }, 404, "not_found");
  await a.fail("deleteTag", { id: meeting.id }, 404, "not_found");
  for (const id of ["abc", "0", "-1", "99999999999"]) await a.fail("deleteTag", { id }, 404, "not_found");
});

test("tag names: required, unique whatever the case, no commas, at most 50 characters", async ({ request }) => {
  const a = api(request, alice.token);
  const taken = (await a.ok("createTag", { body: { name: "Unique" } })).tag;
  const before = (await a.ok("listTags")).tags.length;
  await a.invalid("createTag", { body: {} }, "name");
  for (const name of ["", "  ", 5, null, "a,b", "x".repeat(51), "UNIQUE"]) await a.invalid("createTag", { body: { name } }, "name");
  expect((await a.ok("listTags")).tags.length).toBe(before);
  const other = (await a.ok("createTag", { body: { name: "Other" } })).tag;
  await a.invalid("putTag", { id: other.id, body: { name: "unique" } }, "name");
  await a.invalid("patchTag", { id: other.id, body: { name: "" } }, "name");
  expect((await a.ok("listTags")).tags.map((t) => t.name)).toEqual(expect.arrayContaining([taken.name, "Other"]));
});
