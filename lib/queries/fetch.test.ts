import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// apiFetch in the browser: a 401 means the session is gone, and the page goes to sign-in, coming back after.

type FakeLocation = { pathname: string; search: string; assign: ReturnType<typeof vi.fn> };

let pageshow: ((event: { persisted: boolean }) => void) | undefined;

async function freshApiFetch(location: FakeLocation) {
  vi.resetModules(); // "once per page" is the module's state: each test is a new page
  vi.stubGlobal("window", { location, addEventListener: (type: string, listener: typeof pageshow) => type === "pageshow" && (pageshow = listener) });
  vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ error: "unauthorized", error_code: "unauthorized", message: "Sign in first." }), { status: 401 })));
  return (await import("./fetch")).apiFetch;
}

const page = (pathname: string, search = ""): FakeLocation => ({ pathname, search, assign: vi.fn() });

describe("a 401 in the browser", () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it("goes to sign-in with this page to return to, once however many requests fail, and still rejects", async () => {
    const location = page("/overview", "?period=month&date=2026-11-01");
    const apiFetch = await freshApiFetch(location);
    await expect(apiFetch("/reports/period")).rejects.toMatchObject({ status: 401, code: "unauthorized", message: "Sign in first." });
    await expect(apiFetch("/tags")).rejects.toMatchObject({ status: 401 });
    expect(location.assign.mock.calls).toEqual([["/sign-in?next=%2Foverview%3Fperiod%3Dmonth%26date%3D2026-11-01"]]);
  });

  it("once more after Back from the sign-in page restored this page from the back/forward cache", async () => {
    const location = page("/projects");
    const apiFetch = await freshApiFetch(location);
    await expect(apiFetch("/projects")).rejects.toMatchObject({ status: 401 });
    pageshow?.({ persisted: false }); // an ordinary load is a new page anyway
    await expect(apiFetch("/projects")).rejects.toMatchObject({ status: 401 });
    expect(location.assign).toHaveBeenCalledTimes(1);
    pageshow?.({ persisted: true });
    await expect(apiFetch("/projects")).rejects.toMatchObject({ status: 401 });
    expect(location.assign.mock.calls).toEqual([["/sign-in?next=%2Fprojects"], ["/sign-in?next=%2Fprojects"]]);
  });

  it("from the timer (the home page): plain sign-in", async () => {
    const location = page("/");
    const apiFetch = await freshApiFetch(location);
    await expect(apiFetch("/timer/status")).rejects.toMatchObject({ status: 401 });
    expect(location.assign.mock.calls).toEqual([["/sign-in"]]);
  });

  it("not from a sign-in page: a request that left before a sign-out answers after it, and must not reload the form", async () => {
    for (const where of [page("/sign-in"), page("/sign-in", "?next=%2Fprojects"), page("/register"), page("/reset-password/abc"), page("/forgot-password")]) {
      const apiFetch = await freshApiFetch(where);
      await expect(apiFetch("/tags")).rejects.toMatchObject({ status: 401 });
      expect(where.assign).not.toHaveBeenCalled();
    }
  });
});
