import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeZoho, type FakeZoho } from "@/e2e/fakes/zoho";

// The fake Zoho itself (e2e/fakes/zoho), spoken to in raw HTTP: it must behave as the contract says, or
// the provider tests prove nothing.

let zoho: FakeZoho;
let token: string;
let portal: string;

beforeEach(async () => {
  zoho = await startFakeZoho();
  token = zoho.state.issueAccessToken(zoho.issueRefreshToken()).token;
  portal = zoho.state.defaultPortal.id;
});
afterEach(async () => {
  await zoho.close();
});

const api = (path: string, init: RequestInit & { form?: Record<string, string> } = {}) =>
  fetch(`${zoho.url}${path}`, {
    ...init,
    headers: { Authorization: `Zoho-oauthtoken ${token}`, ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    body: init.form ? new URLSearchParams(init.form).toString() : init.body,
  });

const tokenCall = (form: Record<string, string>) =>
  fetch(`${zoho.url}/oauth/v2/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) }).then(
    async (r) => ({ status: r.status, body: await r.json() }),
  );

describe("fake Zoho: OAuth", () => {
  it("code grant gives a refresh token once; refresh grant gives only an access token; dead tokens are HTTP 200 invalid_code", async () => {
    const { id, secret } = zoho.state.client;
    const code = zoho.issueCode();
    const first = await tokenCall({ grant_type: "authorization_code", client_id: id, client_secret: secret, code, redirect_uri: "x" });
    expect(first.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    expect(first.body.refresh_token).toMatch(/^1000\./);
    expect(await tokenCall({ grant_type: "authorization_code", client_id: id, client_secret: secret, code })).toEqual({
      status: 200,
      body: { error: "invalid_code" },
    });

    const refreshed = await tokenCall({ grant_type: "refresh_token", client_id: id, client_secret: secret, refresh_token: first.body.refresh_token });
    expect(refreshed.body.access_token).toMatch(/^1000\./);
    expect(refreshed.body).not.toHaveProperty("refresh_token");

    zoho.revokeRefreshToken(first.body.refresh_token);
    expect((await tokenCall({ grant_type: "refresh_token", client_id: id, client_secret: secret, refresh_token: first.body.refresh_token })).body).toEqual({
      error: "invalid_code",
    });
    const res = await fetch(`${zoho.url}/restapi/portals/`, { headers: { Authorization: `Zoho-oauthtoken ${refreshed.body.access_token}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 6401, message: "Invalid OAuth access token." } });
  });
});

describe("fake Zoho: time logs", () => {
  it("validates dates and hours with a 400 and Zoho's error shape", async () => {
    const project = zoho.state.addProject({ name: "P" });
    const path = `/restapi/portal/${portal}/projects/${project.id}/logs/`;
    const bad = await api(path, { method: "POST", form: { name: "n", date: "2025-06-11", hours: "01:00", bill_status: "Billable" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("MM-DD-YYYY");
    const badHours = await api(path, { method: "POST", form: { name: "n", date: "06-11-2025", hours: "1.5", bill_status: "Billable" } });
    expect((await badHours.json()).error.message).toContain("hh:mm");
    const noName = await api(path, { method: "POST", form: { date: "06-11-2025", hours: "01:00", bill_status: "Billable" } });
    expect(noName.status).toBe(400);
    const feb30 = await api(path, { method: "POST", form: { name: "n", date: "02-30-2025", hours: "01:00", bill_status: "Billable" } });
    expect(feb30.status).toBe(400);
    expect(zoho.logs()).toEqual([]);
  });

  it("lists logs grouped by day for day, week, month and custom_date views; 204 when none", async () => {
    const project = zoho.state.addProject({ name: "P" });
    const task = zoho.state.addTask(project.id, { name: "T" });
    for (const [date, minutes] of [["06-09-2025", 30], ["06-11-2025", 45], ["06-11-2025", 15], ["06-16-2025", 60], ["07-01-2025", 10]] as const) {
      zoho.state.addLog({ projectId: project.id, taskId: task.id, date, hours: 0, minutes });
    }
    zoho.state.addLog({ projectId: project.id, date: "06-11-2025", hours: 2, minutes: 0, name: "General" });
    const list = async (q: Record<string, string>) => {
      const res = await api(
        `/restapi/portal/${portal}/projects/${project.id}/logs/?${new URLSearchParams({ users_list: "all", bill_status: "All", component_type: "task", ...q })}`,
      );
      if (res.status === 204) return null;
      return (await res.json()).timelogs as { grandtotal: string; date: { date: string; tasklogs: unknown[] }[] };
    };
    const day = await list({ view_type: "day", date: "06-11-2025" });
    expect(day?.date.map((d) => [d.date, d.tasklogs.length])).toEqual([["06-11-2025", 2]]);
    expect(day?.grandtotal).toBe("01:00");
    const week = await list({ view_type: "week", date: "06-11-2025" }); // Sun 06-08 .. Sat 06-14
    expect(week?.date.map((d) => d.date)).toEqual(["06-09-2025", "06-11-2025"]);
    const month = await list({ view_type: "month", date: "06-20-2025" });
    expect(month?.date.map((d) => d.date)).toEqual(["06-09-2025", "06-11-2025", "06-16-2025"]);
    const custom = await list({ view_type: "custom_date", date: "06-11-2025", custom_date: JSON.stringify({ start_date: "06-11-2025", end_date: "07-01-2025" }) });
    expect(custom?.date.map((d) => d.date)).toEqual(["06-11-2025", "06-16-2025", "07-01-2025"]);
    expect(await list({ view_type: "day", date: "06-10-2025" })).toBeNull();
    const general = await list({ view_type: "day", date: "06-11-2025", component_type: "general" });
    expect(general?.grandtotal).toBe("02:00");
    const missing = await api(`/restapi/portal/${portal}/projects/${project.id}/logs/?view_type=day`);
    expect(missing.status).toBe(400);
  });

  it("a lost response (after-commit-500) still stores the log; failNext only hits matching requests", async () => {
    const project = zoho.state.addProject({ name: "P" });
    zoho.failNext(1, "after-commit-500", { method: "POST" });
    expect((await api(`/restapi/portal/${portal}/projects/${project.id}/`)).status).toBe(200);
    const res = await api(`/restapi/portal/${portal}/projects/${project.id}/logs/`, {
      method: "POST",
      form: { name: "n", date: "06-11-2025", hours: "00:30", bill_status: "Billable" },
    });
    expect(res.status).toBe(500);
    expect(zoho.logs()).toEqual([expect.objectContaining({ kind: "general", name: "n", minutes: 30 })]);
    expect(zoho.count("POST generallog")).toBe(1);
  });

  it("blocks after N calls in the window until the block ends", async () => {
    zoho.state.config.rateLimit = { max: 2, windowMs: 60_000, blockMs: 150 };
    expect((await api("/restapi/portals/")).status).toBe(200);
    expect((await api("/restapi/portals/")).status).toBe(200);
    expect((await api("/restapi/portals/")).status).toBe(429);
    zoho.state.callTimes = [];
    expect((await api("/restapi/portals/")).status).toBe(429); // still blocked
    zoho.state.blockedUntil = 0;
    expect((await api("/restapi/portals/")).status).toBe(200);
  });
});
