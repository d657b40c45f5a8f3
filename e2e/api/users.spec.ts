import { api, expect, mintToken, newActor, signedIn, test, USER_SCOPES, type Actor } from "./api-fixtures";

let alice: Actor;
let admin: Actor;

test.beforeAll(async () => {
  [alice, admin] = await Promise.all([newActor("me"), newActor("meadmin", { admin: true })]);
});

test("GET /users/me: the user, without secrets", async ({ request }) => {
  const res = await api(request, alice.token).call("me");
  const { user } = res.body as { user: Record<string, unknown> };
  expect(res.status).toBe(200);
  expect(user).toMatchObject({
    id: alice.id,
    email: alice.email,
    username: alice.email,
    name: alice.name,
    full_name: alice.name,
    is_admin: false,
    role: "user",
    timezone: "UTC",
    week_start: 1,
    runaway_threshold_minutes: 600,
  });
  expect(Object.keys(user).filter((k) => /pass|hash|secret|token/i.test(k))).toEqual([]);
  expect(JSON.stringify(res.body)).not.toContain(alice.password);
  // read:users alone is enough; an admin is one.
  expect((await api(request, (await mintToken(alice, ["read:users"])).token).ok("me")).user.id).toBe(alice.id);
  expect((await api(request, admin.token).ok("me")).user).toMatchObject({ id: admin.id, is_admin: true, role: "admin" });
});

test("PATCH /users/me needs admin:all: a browser session or an admin's token, not a regular token", async ({ request }) => {
  const denied = await api(request, alice.token).fail("updateMe", { body: { timezone: "Europe/Berlin" } }, 403, "insufficient_scope");
  expect(denied.body.required_scope).toBe("admin:all");
  expect([...(denied.body.available_scopes ?? [])].sort()).toEqual([...USER_SCOPES].sort());

  const session = await signedIn(alice);
  const saved = await api(session).ok("updateMe", { body: { name: "Alice Renamed", timezone: "Europe/Berlin", week_start: 0, runaway_threshold_minutes: 90 } });
  expect(saved.message).toBe("Settings saved");
  expect(saved.user).toMatchObject({ name: "Alice Renamed", full_name: "Alice Renamed", timezone: "Europe/Berlin", week_start: 0, runaway_threshold_minutes: 90 });
  await session.dispose();
  expect((await api(request, alice.token).ok("me")).user).toMatchObject({ name: "Alice Renamed", timezone: "Europe/Berlin", week_start: 0 });

  const byAdmin = await api(request, admin.token).ok("updateMe", { body: { timezone: "Asia/Kolkata", week_start: "3" } });
  expect(byAdmin.user).toMatchObject({ id: admin.id, timezone: "Asia/Kolkata", week_start: 3 });
  // An empty change changes nothing.
  expect((await api(request, admin.token).ok("updateMe", { body: {} })).user).toMatchObject({ timezone: "Asia/Kolkata" });
});

test("PATCH /users/me validation: 400 by field, nothing saved", async ({ request }) => {
  const a = api(request, admin.token);
  const before = (await a.ok("me")).user;
  await a.invalid("updateMe", { body: { timezone: "Mars/Olympus_Mons" } }, "timezone");
  await a.invalid("updateMe", { body: { timezone: 5 } }, "timezone");
  for (const week_start of [7, -1, 1.5, "monday", true, null, ""]) await a.invalid("updateMe", { body: { week_start } }, "week_start");
  for (const minutes of [5, 20_000, 30.5, "soon", false]) await a.invalid("updateMe", { body: { runaway_threshold_minutes: minutes } }, "runaway_threshold_minutes");
  for (const name of ["", "   ", "n".repeat(101), 12]) await a.invalid("updateMe", { body: { name } }, "name");
  await a.invalid("updateMe", { body: { name: "Fine", week_start: 9 } }, "week_start");
  await a.invalid("updateMe", { raw: "{\"timezone\": \"UTC\"" }, "_");
  expect((await a.ok("me")).user).toEqual(before);
});

test("max_entry_minutes and currency: shown, changed, validated, and the limit is applied to entries at once", async ({ request }) => {
  const carol = await newActor("melimits");
  const session = await signedIn(carol);
  const a = api(session);
  expect((await a.ok("me")).user).toMatchObject({ max_entry_minutes: 1440, currency: "EUR" });
  for (const max_entry_minutes of [59, 10_081, 90.5, "a day", null]) await a.invalid("updateMe", { body: { max_entry_minutes } }, "max_entry_minutes");
  for (const currency of ["EU", "ABC", "Euro", 978, ""]) await a.invalid("updateMe", { body: { currency } }, "currency");
  const tooLong = { start_time: "2026-02-02T08:00:00Z", end_time: "2026-02-03T10:00:00Z" }; // 26 h
  const refused = await a.invalid("createEntry", { body: tooLong }, "end_time");
  expect(refused.errors?.end_time).toEqual(["A session can be at most 24 h long (Settings → Maximum session length). Check the start and end, or split it into several sessions."]);

  const saved = await a.ok("updateMe", { body: { max_entry_minutes: 2880, currency: "gbp" } });
  expect(saved.user).toMatchObject({ max_entry_minutes: 2880, currency: "GBP" });
  expect((await api(request, carol.token).ok("me")).user).toMatchObject({ max_entry_minutes: 2880, currency: "GBP" });
  expect((await a.ok("createEntry", { body: tooLong })).time_entry.duration_seconds).toBe(26 * 3600);
  await session.dispose();
});

test("PATCH /users/me refuses a time zone Node knows but the database does not (US/Pacific-New); the overview keeps working", async () => {
  const user = await newActor("tzdb");
  const session = await signedIn(user);
  try {
    const client = api(session);
    const refused = await client.invalid("updateMe", { body: { timezone: "US/Pacific-New" } }, "timezone");
    expect(refused.errors?.timezone?.[0]).toContain("US/Pacific-New");
    expect((await client.ok("me")).user.timezone).toBe("UTC");
    for (const zone of ["Not/AZone", "Mars/Olympus_Mons"]) await client.invalid("updateMe", { body: { timezone: zone } }, "timezone");
    // A zone both know is fine, and so is every report after it.
    expect((await client.ok("updateMe", { body: { timezone: "America/Los_Angeles" } })).user.timezone).toBe("America/Los_Angeles");
    expect((await client.ok("overview", { query: { period: "week" } })).overview.timezone).toBe("America/Los_Angeles");
    await client.ok("summary");
  } finally {
    await session.dispose();
  }
});
