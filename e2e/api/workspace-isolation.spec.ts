import crypto from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import type { FakeZoho } from "../fakes/zoho";
import { createUser, type TestUser } from "../fixtures";
import { runCli } from "../support/cli";
import { e2e, e2eDatabaseUrl } from "../support/config";
import { startE2eFakeZoho } from "../support/fake-zoho";
import { workday, type FakeRescueTime } from "../fakes/rescuetime";
import { startE2eFakeRescueTime } from "../support/fake-rescuetime";
import { api, expect, ops, setupContext, signedIn, test, USER_SCOPES, type Api, type CallOptions, type Reply } from "./api-fixtures";
import type { Operation, OperationId } from "@/lib/api/operations";

// Workspace isolation, driven by the API's own list of operations (lib/api/operations.ts, the source of the
// OpenAPI document): every operation is called by a member's, a manager's and another workspace's token and
// by a member's browser session, with another member's and another workspace's ids in its path, its query
// string and its body. Every answer must refuse (400/403/404), must not carry a byte of what the caller may
// not see (every such object's name carries a marker), and afterwards both workspaces read exactly as
// before. An operation the suite does not know how to aim at fails the suite: a new endpoint gets covered,
// or the suite says what to add.

const CLI = () => ({ dataDir: e2e.dataDir!, databaseUrl: e2eDatabaseUrl() });
const MARK_OTHER_WS = `OTHERWS${crypto.randomBytes(3).toString("hex")}`;
const MARK_PRIVATE = `PRIVATE${crypto.randomBytes(3).toString("hex")}`;
const MARK_TEAM = `TEAMONLY${crypto.randomBytes(3).toString("hex")}`; // the team's shared catalog: members see it, outsiders do not
const MARK_VICTIM = `VICTIMS${crypto.randomBytes(3).toString("hex")}`; // one member's own entries: other members do not see them

async function cli(args: string[]): Promise<string> {
  const run = await runCli(args, CLI());
  if (run.code !== 0) throw new Error(`stint ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}

async function tokenFor(user: TestUser, workspaceId: number, scopes: readonly string[]): Promise<{ token: string; id: number }> {
  const out = JSON.parse(await cli(["token", "create", "--user", user.email, "--workspace", String(workspaceId), "--scopes", scopes.join(","), "--json"]));
  return { token: out.token, id: out.id };
}

/** The ids a caller aims with: things that are not theirs to reach. A missing one is not aimed at. */
type Targets = Partial<Record<"workspace" | "user" | "entry" | "deletedEntry" | "project" | "client" | "task" | "tag" | "token" | "invitation" | "connection" | "job" | "session" | "webhook" | "delivery" | "suggestion" | "savedReport" | "shareLink", number>>;
type Role = "owner" | "manager" | "member" | "victim" | "outsider";

let setup: APIRequestContext;
let zoho: FakeZoho;
let rescueTime: FakeRescueTime;
const people = {} as Record<Role, TestUser>;
const tokens = {} as Record<Role, { token: string; id: number }>;
let ws1: number; // the team: owner, manager, member, victim
let ws2: number; // the outsider's own
let sessions: { member: APIRequestContext; outsider: APIRequestContext };
let otherWs: Targets; // ws2's objects, aimed at by the team's callers
let team: Targets; // ws1's objects, aimed at by the outsider
let victims: Targets; // within ws1: what is the victim's own (entries, token, connection, session) or private to them

const marked = (mark: string, what: string) => `${what} ${mark}`;

async function connectZoho(as: Api) {
  const integration = (
    await as.ok("connectIntegration", { params: { provider: "zoho-projects" }, body: { refresh_token: zoho.issueRefreshToken(), settings: { dc: "us" } } })
  ).integration;
  // A sync (a member may start one; importing is for managers and up) imports for the outsider, an owner.
  const job = (await as.ok("syncIntegration", { id: integration.id })).job;
  // The job finishes before the suite takes its "before" picture (it adds the remote project).
  await expect.poll(async () => (await as.ok("getIntegrationJob", { id: integration.id, params: { job: job.id } })).job.status).toMatch(/^(succeeded|failed)$/);
  return { connection: integration.id, job: job.id };
}

/** A webhook (its description and URL marked) with one delivery, a test ping. */
async function hookUp(as: Api, mark: string) {
  const { webhook } = await as.ok("createWebhook", { body: { url: `https://hooks.example.com/${mark}`, events: ["ping"], description: marked(mark, "Webhook") } });
  const { delivery } = await as.ok("testWebhook", { id: webhook.id });
  return { webhook: webhook.id, delivery: delivery.id };
}

/** A saved report (its name marked) with a share link. */
async function savedOf(as: Api, mark: string) {
  const { saved_report } = await as.ok("createSavedReport", { body: { name: marked(mark, "Saved"), params: "range=last_month" } });
  const { share_link } = await as.ok("createShareLink", { id: saved_report.id, body: {} });
  return { savedReport: saved_report.id, shareLink: share_link.id };
}

/** A client, project, task, tag, entry and a deleted entry, every name carrying `mark`. */
async function createWorld(as: Api, mark: string) {
  const client = (await as.ok("createClient", { body: { name: marked(mark, "Client") } })).client;
  const project = (await as.ok("createProject", { body: { name: marked(mark, "Project"), client_id: client.id } })).project;
  const task = (await as.ok("createTask", { body: { name: marked(mark, "Task"), project_id: project.id } })).task;
  const tag = (await as.ok("createTag", { body: { name: marked(mark, "tag").toLowerCase() } })).tag;
  const entry = (await as.ok("createEntry", { body: { task_id: task.id, start_time: "2026-02-02T09:00Z", duration_seconds: 3600, notes: marked(mark, "Entry"), tags: [tag.name] } })).time_entry;
  const doomed = (await as.ok("createEntry", { body: { project_id: project.id, start_time: "2026-02-03T09:00Z", duration_seconds: 60, notes: marked(mark, "Deleted") } })).time_entry;
  await as.ok("deleteEntry", { id: doomed.id });
  return { client: client.id, project: project.id, task: task.id, tag: tag.id, entry: entry.id, deletedEntry: doomed.id };
}

/** A suggestion of `as`'s own: RescueTime connected (the fake's known day) and that day imported. */
async function suggestionOf(as: Api, key: string) {
  rescueTime.state.addKey(key, workday("2026-11-02"));
  const integration = (await as.ok("connectIntegration", { params: { provider: "rescuetime" }, body: { api_key: key } })).integration;
  const job = (await as.ok("importIntegration", { id: integration.id, body: { from: "2026-11-02", to: "2026-11-02" } })).job;
  await expect.poll(async () => (await as.ok("getIntegrationJob", { id: integration.id, params: { job: job.id } })).job.status).toBe("succeeded");
  return (await as.ok("listSuggestions", { query: { from: "2026-11-02", to: "2026-11-02" } })).suggestions[0].id;
}

const currentSessionId = async (session: APIRequestContext) => (await api(session).ok("listSessions")).sessions.find((s) => s.current)!.id;

test.beforeAll(async () => {
  test.setTimeout(240_000); // a dozen CLI calls, and a fake Zoho that may wait for its port
  setup = await setupContext();
  zoho = await startE2eFakeZoho();
  zoho.state.config.rateLimit.max = 100_000;
  zoho.state.addProject({ name: "Remote project" }); // unmarked: the outsider's workspace imports it
  rescueTime = await startE2eFakeRescueTime();
  for (const role of ["owner", "manager", "member", "victim", "outsider"] as const) people[role] = await createUser(`iso-${role}`);

  // The owner's personal workspace becomes the team's; the outsider keeps to their own.
  const firstWorkspaceOf = async (user: TestUser) => (JSON.parse(await cli(["workspace", "list", "--user", user.email, "--json"])) as { id: number }[])[0].id;
  ws1 = await firstWorkspaceOf(people.owner);
  ws2 = await firstWorkspaceOf(people.outsider);
  for (const [who, role] of [["manager", "manager"], ["member", "member"], ["victim", "member"]] as const) {
    await cli(["member", "add", "--workspace", String(ws1), "--user", people[who].email, "--role", role]);
  }
  tokens.owner = await tokenFor(people.owner, ws1, ["admin:all"]);
  tokens.manager = await tokenFor(people.manager, ws1, USER_SCOPES);
  const memberScopes = USER_SCOPES.filter((s) => s !== "read:team"); // every scope a member's token may hold
  tokens.member = await tokenFor(people.member, ws1, memberScopes);
  tokens.victim = await tokenFor(people.victim, ws1, memberScopes);
  tokens.outsider = await tokenFor(people.outsider, ws2, ["admin:all"]);
  const owner = api(setup, tokens.owner.token);
  const outsider = api(setup, tokens.outsider.token);
  const victim = api(setup, tokens.victim.token);
  sessions = { member: await signedIn(people.member), outsider: await signedIn(people.outsider) };

  // The other workspace: a whole marked world, with a connection and its job, and a pending invitation.
  const inv2 = (await outsider.ok("createInvitation", { id: ws2, body: { email: `${MARK_OTHER_WS.toLowerCase()}@example.com`, role: "member" } })).invitation;
  otherWs = {
    workspace: ws2,
    user: people.outsider.id,
    ...(await createWorld(outsider, MARK_OTHER_WS)),
    ...(await connectZoho(outsider)),
    ...(await hookUp(outsider, MARK_OTHER_WS)),
    ...(await savedOf(outsider, MARK_OTHER_WS)),
    invitation: inv2.id,
    suggestion: await suggestionOf(outsider, `iso-outsider-${crypto.randomBytes(4).toString("hex")}`),
    token: tokens.outsider.id,
    session: await currentSessionId(sessions.outsider),
  };

  // The team: the owner's marked world; the victim's entries, timer, token, connection and session; a
  // private project only the victim is on; a pending invitation.
  const world1 = await createWorld(owner, MARK_TEAM);
  const privateProject = (await owner.ok("createProject", { body: { name: marked(MARK_PRIVATE, "Private project"), private: true, member_ids: [people.victim.id] } as never })).project;
  const victimEntry = (await victim.ok("createEntry", { body: { start_time: "2026-02-04T09:00Z", duration_seconds: 1800, notes: marked(MARK_VICTIM, "Victim entry") } })).time_entry;
  await victim.ok("createEntry", { body: { project_id: privateProject.id, start_time: "2026-02-05T09:00Z", duration_seconds: 1800, notes: marked(MARK_PRIVATE, "Private entry") } });
  const victimDeleted = (await victim.ok("createEntry", { body: { start_time: "2026-02-06T09:00Z", duration_seconds: 60, notes: marked(MARK_VICTIM, "Victim deleted") } })).time_entry;
  await victim.ok("deleteEntry", { id: victimDeleted.id });
  await victim.ok("timerStart", { body: { notes: marked(MARK_VICTIM, "Victim timer") } });
  const victimZoho = await connectZoho(victim);
  const victimSuggestion = await suggestionOf(victim, `iso-victim-${crypto.randomBytes(4).toString("hex")}`);
  const victimSaved = await savedOf(victim, MARK_VICTIM);
  const inv1 = (await owner.ok("createInvitation", { id: ws1, body: { email: `${MARK_TEAM.toLowerCase()}@example.com`, role: "member" } })).invitation;
  const victimSession = await signedIn(people.victim);
  const victimSessionId = await currentSessionId(victimSession);
  await victimSession.dispose();
  const teamHook = await hookUp(owner, MARK_TEAM);
  team = { workspace: ws1, user: people.victim.id, ...world1, entry: victimEntry.id, ...victimZoho, ...teamHook, ...victimSaved, invitation: inv1.id, token: tokens.victim.id, session: victimSessionId, suggestion: victimSuggestion };
  victims = { user: people.victim.id, entry: victimEntry.id, deletedEntry: victimDeleted.id, project: privateProject.id, ...victimZoho, ...victimSaved, token: tokens.victim.id, session: victimSessionId, suggestion: victimSuggestion };
});

test.afterAll(async () => {
  await Promise.all([sessions?.member.dispose(), sessions?.outsider.dispose(), setup?.dispose(), zoho?.close(), rescueTime?.close()]);
});

/** Which target a path parameter names, read from the path; throws for a parameter the suite does not know. */
function targetKey(path: string, param: string): keyof Targets | "provider" {
  if (param === "provider") return "provider"; // a provider's name: nobody's data
  if (param === "user_id") return "user";
  if (param === "inv") return "invitation";
  if (param === "job") return "job";
  if (param === "delivery_id") return "delivery";
  if (param === "link_id") return "shareLink";
  const collection = path.slice(1).split("/{")[0];
  const byCollection: Record<string, keyof Targets> = {
    "time-entries": path.endsWith("/restore") ? "deletedEntry" : "entry",
    projects: "project",
    clients: "client",
    tasks: "task",
    tags: "tag",
    tokens: "token",
    integrations: "connection",
    "integrations/entries": "entry",
    workspaces: "workspace",
    "users/me/sessions": "session",
    webhooks: "webhook",
    suggestions: "suggestion",
    "saved-reports": "savedReport",
  };
  if (param === "id" && byCollection[collection]) return byCollection[collection];
  throw new Error(`The isolation suite does not know what {${param}} of ${path} names: add it to targetKey().`);
}

/** A valid body for each write, with every reference it can carry aimed at `t` (a missing target is left out).
 *  Names start with "aimed", so that what a permitted creation adds is told apart from what was there. */
function bodyFor(opId: OperationId, t: Targets): unknown {
  const pick = (keys: Partial<Record<string, keyof Targets>>) => Object.fromEntries(Object.entries(keys).flatMap(([field, key]) => (t[key!] !== undefined ? [[field, t[key!]]] : [])));
  const entryRefs = pick({ project_id: "project", task_id: "task", user_id: "user" });
  const suffix = crypto.randomBytes(3).toString("hex");
  const bodies: Partial<Record<OperationId, unknown>> = {
    createEntry: { start_time: "2026-03-02T09:00Z", duration_seconds: 600, notes: "aimed", ...entryRefs },
    putEntry: { notes: "aimed", ...entryRefs },
    patchEntry: { notes: "aimed", ...entryRefs },
    // The timer is always the caller's own (TimeTracker's timer endpoints take no user_id).
    timerStart: { notes: "aimed", ...pick({ project_id: "project", task_id: "task" }) },
    timerStop: {},
    // Assigning a member is aimed only across workspaces (a manager may put a teammate on a project).
    createProject: { name: `aimed ${suffix}`, ...pick({ client_id: "client" }), ...(t.user !== undefined && t.workspace !== undefined ? { member_ids: [t.user] } : {}) },
    putProject: { name: `aimed ${suffix}`, ...pick({ client_id: "client" }) },
    patchProject: { name: `aimed ${suffix}`, ...pick({ client_id: "client" }) },
    createTask: { name: `aimed ${suffix}`, ...pick({ project_id: "project" }) },
    putTask: { name: `aimed ${suffix}` },
    patchTask: { name: `aimed ${suffix}` },
    createClient: { name: `aimed ${suffix}` },
    putClient: { name: `aimed ${suffix}` },
    patchClient: { name: `aimed ${suffix}` },
    createTag: { name: `aimed ${suffix}` },
    putTag: { name: `aimed ${suffix}` },
    patchTag: { name: `aimed ${suffix}` },
    createToken: { name: `aimed ${suffix}`, scopes: ["read:projects"], ...pick({ user_id: "user" }) },
    createWorkspace: { name: `aimed ${suffix}` },
    patchWorkspace: { name: `aimed ${suffix}` },
    patchMember: { role: "admin" },
    createInvitation: { email: `aimed-${suffix}@example.com`, role: "admin" },
    acceptInvitation: { token: `aimed${suffix}`.padEnd(43, "0") },
    connectIntegration: { refresh_token: `aimed ${suffix}`, settings: { dc: "us" } },
    updateIntegration: { routing: { rule: "none" } },
    updateMe: { name: "Aimed Name" },
    createWebhook: { url: `https://hooks.example.com/aimed-${suffix}`, events: ["ping"], description: "aimed" },
    patchWebhook: { description: "aimed", active: false },
    importIntegration: { from: "2026-11-02", to: "2026-11-02" },
    acceptSuggestion: { notes: "aimed", ...pick({ project_id: "project", task_id: "task" }) },
    acceptSuggestions: { ids: [t.suggestion ?? 2_000_000_000] },
    // A saved report's params name catalog ids as the report's query does (checked when saved, and when it
    // runs). Not user_id: a manager may report on a teammate (lib/reports/saved/saved.int.test.ts has the member's 403).
    createSavedReport: { name: `aimed ${suffix}`, params: new URLSearchParams({ range: "last_month", ...pick({ project_id: "project", client_id: "client", task_id: "task" }) }).toString() },
    patchSavedReport: { name: `aimed ${suffix}`, params: new URLSearchParams({ range: "last_month", ...pick({ project_id: "project" }) }).toString() },
    createShareLink: {},
    putSuggestionRules: { mappings: [{ field: "activity", pattern: "aimed", ...pick({ project_id: "project", task_id: "task" }) }] },
  };
  if (!(opId in bodies)) throw new Error(`The isolation suite has no body for ${opId}: add one to bodyFor().`);
  return bodies[opId];
}

/** Whether a body carries any reference to `t` (then it is the body that is aimed). */
const bodyAims = (opId: OperationId, t: Targets) => /_id"|_id=|member_ids/.test(JSON.stringify(bodyFor(opId, t)));

/** Filters by `t`'s ids, for every operation that takes a query. */
function queriesFor(t: Targets): Record<string, string | number>[] {
  const q: Record<string, string | number>[] = [];
  for (const [field, key] of [["user_id", "user"], ["project_id", "project"], ["client_id", "client"], ["task_id", "task"], ["workspace_id", "workspace"], ["entry_ids", "entry"]] as const) {
    if (t[key] !== undefined) q.push({ [field]: t[key]! });
  }
  return q;
}

type Caller = { name: string; client: Api; ownWorkspace: number; targets: Targets; marks: string[]; writesOnly?: boolean };
type Attempt = { caller: string; opId: OperationId; how: string; status: number };

/** Everything both workspaces hold, as their owners read it; what an allowed creation added ("aimed…") left out. */
async function snapshot() {
  // A running timer's duration grows while the suite runs; everything else about it must stay.
  const still = <T extends { is_active?: boolean }>(rows: T[]) => rows.map((r) => (r.is_active ? { ...r, duration_seconds: 0, duration_hours: 0 } : r));
  const notAimed = <T extends object>(rows: T[]) => rows.filter((r) => !/^aimed/i.test(String((r as { name?: string; notes?: string }).name ?? (r as { notes?: string }).notes ?? "")));
  const read = async (as: Api, workspace: number) => ({
    entries: still(notAimed((await as.ok("listEntries", { query: { per_page: 100, include_active: true } })).time_entries)),
    projects: notAimed((await as.ok("listProjects", { query: { per_page: 100, status: "all" } })).projects).map(({ tracked_seconds, tracked_seconds_this_month, billable_seconds, billable_amount, ...rest }) => rest),
    clients: notAimed((await as.ok("listClients", { query: { per_page: 100, include_archived: true } })).clients),
    tasks: notAimed((await as.ok("listTasks", { query: { per_page: 100 } })).tasks),
    tags: notAimed((await as.ok("listTags")).tags).map(({ name, id }) => ({ name, id })),
    members: (await as.ok("listMembers", { id: workspace })).members,
    invitations: (await as.ok("listInvitations", { id: workspace })).invitations,
    workspace: (await as.ok("getWorkspace", { id: workspace })).workspace,
    webhooks: (await as.ok("listWebhooks")).webhooks.filter((w) => w.description !== "aimed"),
  });
  const owner = api(setup, tokens.owner.token);
  const victimEntries = still((await owner.ok("listEntries", { query: { per_page: 100, include_active: true, user_id: people.victim.id } })).time_entries);
  return { team: await read(owner, ws1), victimEntries, other: await read(api(setup, tokens.outsider.token), ws2) };
}

test("no member, manager or other workspace reaches what is not theirs, through any operation", async () => {
  test.setTimeout(900_000);
  const callers: Caller[] = [
    { name: "member token → other workspace", client: api(setup, tokens.member.token), ownWorkspace: ws1, targets: otherWs, marks: [MARK_OTHER_WS, MARK_PRIVATE, MARK_VICTIM] },
    { name: "member session → other workspace", client: api(sessions.member), ownWorkspace: ws1, targets: otherWs, marks: [MARK_OTHER_WS, MARK_PRIVATE, MARK_VICTIM] },
    { name: "manager token → other workspace", client: api(setup, tokens.manager.token), ownWorkspace: ws1, targets: otherWs, marks: [MARK_OTHER_WS] },
    { name: "outsider token → team", client: api(setup, tokens.outsider.token), ownWorkspace: ws2, targets: team, marks: [MARK_TEAM, MARK_VICTIM, MARK_PRIVATE] },
    { name: "outsider session → team", client: api(sessions.outsider), ownWorkspace: ws2, targets: team, marks: [MARK_TEAM, MARK_VICTIM, MARK_PRIVATE] },
    // Within the team the catalog is shared, but a member reaches no other member's entries, token,
    // connection or session, nor a private project they are not on; a manager reads those entries but changes none.
    { name: "member token → victim", client: api(setup, tokens.member.token), ownWorkspace: ws1, targets: victims, marks: [MARK_OTHER_WS, MARK_PRIVATE, MARK_VICTIM] },
    { name: "manager token → victim (writes)", client: api(setup, tokens.manager.token), ownWorkspace: ws1, targets: { user: victims.user, entry: victims.entry, deletedEntry: victims.deletedEntry, token: victims.token, connection: victims.connection, job: victims.job, session: victims.session, suggestion: victims.suggestion }, marks: [MARK_OTHER_WS], writesOnly: true },
  ];
  const before = await snapshot();
  const attempts: Attempt[] = [];
  let operations = 0;
  for (const [opId, op] of Object.entries(ops) as [OperationId, Operation][]) {
    if (op.scope === "public") continue;
    operations++;
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const c of callers) {
      if (c.writesOnly && op.method === "GET") continue;
      const keys = params.map((p) => targetKey(op.path, p));
      // Where the caller has no target for a parameter: their own workspace, or an id nobody has.
      const own = (p: string, key: keyof Targets | "provider") => (key === "provider" ? "zoho-projects" : key === "workspace" ? c.ownWorkspace : p === "id" ? 2_000_000_000 : 2_000_000_000);
      const aimed = keys.some((k) => k !== "provider" && c.targets[k] !== undefined);
      const path = Object.fromEntries(params.map((p, i) => [p, keys[i] !== "provider" && c.targets[keys[i] as keyof Targets] !== undefined ? c.targets[keys[i] as keyof Targets]! : own(p, keys[i])]));
      const tries: { how: string; o: CallOptions; refuse: boolean }[] = [];
      if (aimed) tries.push({ how: `path ${JSON.stringify(path)}`, o: { params: path, body: op.body ? bodyFor(opId, c.targets) : undefined }, refuse: true });
      else if (op.body && bodyAims(opId, c.targets)) tries.push({ how: "body", o: { params: path, body: bodyFor(opId, c.targets) }, refuse: true });
      if (op.query) for (const query of queriesFor(c.targets)) tries.push({ how: `query ${JSON.stringify(query)}`, o: { params: path, query }, refuse: false });
      for (const t of tries) {
        // The fixture's call() takes {id} apart from the other path parameters.
        const { id, ...others } = (t.o.params ?? {}) as Record<string, number | string>;
        const reply = await c.client.call(opId, { ...t.o, id, params: others });
        attempts.push({ caller: c.name, opId, how: t.how, status: reply.status });
        const text = JSON.stringify(reply.body);
        const what = `${c.name}: ${opId} (${t.how}) answered ${reply.status} ${text.slice(0, 300)}`;
        if (t.refuse) expect([400, 403, 404], `${what}: must be refused`).toContain(reply.status);
        for (const mark of c.marks) expect(text.includes(mark), `${what}: shows what is not theirs (${mark}): …${text.slice(Math.max(0, text.indexOf(mark) - 300), text.indexOf(mark) + 50)}`).toBe(false);
      }
    }
  }
  const after = await snapshot();
  expect(after.other, "the other workspace is as it was").toEqual(before.other);
  expect(after.victimEntries, "the victim's entries are as they were").toEqual(before.victimEntries);
  expect(after.team, "the team's workspace is as it was").toEqual(before.team);
  const count = (s: number) => attempts.filter((a) => a.status === s).length;
  console.log(`workspace isolation: ${operations} operations, ${attempts.length} attempts: ${count(404)} × 404, ${count(403)} × 403, ${count(400)} × 400, ${attempts.length - count(404) - count(403) - count(400)} other (filters answering an empty list)`);
  expect(operations).toBeGreaterThan(50);
  expect(count(404)).toBeGreaterThan(100);
});
