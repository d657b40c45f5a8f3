import { request as requestFactory, type APIRequestContext } from "@playwright/test";
import { createUser, type TestUser } from "../fixtures";
import { api, BASE_URL, expect, mintToken, signedIn, SCOPES, test } from "./api-fixtures";

// Browser sessions are stored server-side: a cookie stops working when its session ends, whether by
// sign-out, by a revoke from another browser, or by "sign out everywhere else".

let alice: TestUser;
let admin: TestUser;

test.beforeAll(async () => {
  [alice, admin] = await Promise.all([createUser("sessions"), createUser("sessionadmin", { admin: true })]);
});

/** A fresh context carrying only the cookies `context` had (as a stolen or kept copy of them would). */
async function copyOf(context: APIRequestContext): Promise<APIRequestContext> {
  return requestFactory.newContext({ baseURL: BASE_URL, storageState: await context.storageState() });
}

async function signOut(context: APIRequestContext): Promise<void> {
  const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
  const res = await context.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "/sign-in" }, maxRedirects: 0 });
  expect(res.status()).toBe(302);
}

test("after sign-out, a copy of the old cookie is refused (it used to work for 30 days)", async () => {
  const browser = await signedIn(alice);
  const kept = await copyOf(browser);
  expect((await api(kept).ok("me")).user.id).toBe(alice.id);
  await signOut(browser);
  await api(kept).fail("me", {}, 401, "unauthorized");
  await api(kept).fail("createTag", { body: { name: "after sign-out" } }, 401, "unauthorized");
  // The pages refuse it too: back to sign-in.
  const page = await kept.get("/settings", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/\/sign-in/);
  await Promise.all([browser.dispose(), kept.dispose()]);
});

test("lists the signed-in browsers, marks this one, and revoking one ends it at once", async () => {
  const [laptop, phone] = [await signedIn(alice), await signedIn(alice)];
  const fromLaptop = (await api(laptop).ok("listSessions")).sessions;
  const fromPhone = (await api(phone).ok("listSessions")).sessions;
  const laptopSession = fromLaptop.find((s) => s.current)!;
  const phoneSession = fromPhone.find((s) => s.current)!;
  expect(laptopSession.id).not.toBe(phoneSession.id);
  expect(fromLaptop.filter((s) => s.current)).toHaveLength(1);
  expect(fromLaptop.map((s) => s.id)).toEqual(expect.arrayContaining([laptopSession.id, phoneSession.id]));
  expect(laptopSession.browser).toMatch(/^Playwright/);
  expect(Date.now() - Date.parse(laptopSession.last_seen_at)).toBeLessThan(5 * 60_000);

  expect(await api(laptop).ok("revokeSession", { id: phoneSession.id })).toEqual({ message: "Session ended" });
  await api(phone).fail("me", {}, 401, "unauthorized");
  expect((await api(laptop).ok("me")).user.id).toBe(alice.id);
  expect((await api(laptop).ok("listSessions")).sessions.map((s) => s.id)).not.toContain(phoneSession.id);
  await api(laptop).fail("revokeSession", { id: phoneSession.id }, 404, "not_found");
  await Promise.all([laptop.dispose(), phone.dispose()]);
});

test("'sign out everywhere else' ends every other session and keeps this one", async () => {
  const [here, second, third] = [await signedIn(alice), await signedIn(alice), await signedIn(alice)];
  const reply = await api(here).ok("revokeOtherSessions");
  expect(reply.revoked).toBeGreaterThanOrEqual(2);
  await api(second).fail("me", {}, 401, "unauthorized");
  await api(third).fail("me", {}, 401, "unauthorized");
  const left = (await api(here).ok("listSessions")).sessions;
  expect(left).toHaveLength(1);
  expect(left[0].current).toBe(true);
  await Promise.all([here.dispose(), second.dispose(), third.dispose()]);
});

test("another user's session is not found; tokens cannot manage sessions", async ({ request }) => {
  const [mine, theirs] = [await signedIn(alice), await signedIn(admin)];
  const theirId = (await api(theirs).ok("listSessions")).sessions.find((s) => s.current)!.id;
  await api(mine).fail("revokeSession", { id: theirId }, 404, "not_found");
  expect((await api(theirs).ok("me")).user.id).toBe(admin.id);

  const token = (await mintToken(admin, SCOPES)).token; // admin:all, still not a browser
  const forbidden = await api(request, token).fail("listSessions", {}, 403, "forbidden");
  expect(forbidden.body.message).toMatch(/signed-in browser/);
  await api(request, token).fail("revokeOtherSessions", {}, 403, "forbidden");
  await api(request, token).fail("revokeSession", { id: theirId }, 403, "forbidden");
  expect((await api(theirs).ok("me")).user.id).toBe(admin.id);
  await Promise.all([mine.dispose(), theirs.dispose()]);
});
