import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES, decide, refusalOf, rolesThatMay, mayAssignRole, mayHoldScope, canSeeProject, type Action, type Actor } from "./policy";

// The policy as a table: every role × action × whose (own / another member's / another workspace's),
// through a session, and through tokens with and without the scopes that reach other members' data.

const WS = 10;
const ME = 1;
const OTHER = 2;
const actor = (role: Actor["role"], via: Actor["via"] = "session", scopes: string[] = []): Actor => ({ userId: ME, workspaceId: WS, role, via, scopes });

type Whose = "own" | "other" | "other-workspace";
const resource = (whose: Whose) => ({ workspaceId: whose === "other-workspace" ? WS + 1 : WS, ownerId: whose === "own" ? ME : OTHER });

// Expected outcome for a session, per action and role: "y" allowed, "403", "404".
const SESSION: Record<Action, Record<Whose, [owner: string, admin: string, manager: string, member: string]>> = {
  "workspace.read": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "y"], "other-workspace": ["404", "404", "404", "404"] },
  "workspace.update": { own: ["y", "y", "403", "403"], other: ["y", "y", "403", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "workspace.delete": { own: ["y", "403", "403", "403"], other: ["y", "403", "403", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "workspace.transfer": { own: ["y", "403", "403", "403"], other: ["y", "403", "403", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "member.list": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "y"], "other-workspace": ["404", "404", "404", "404"] },
  "member.manage": { own: ["y", "y", "403", "403"], other: ["y", "y", "403", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "invitation.manage": { own: ["y", "y", "403", "403"], other: ["y", "y", "403", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "catalog.read": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "y"], "other-workspace": ["404", "404", "404", "404"] },
  "catalog.manage": { own: ["y", "y", "y", "403"], other: ["y", "y", "y", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "tag.create": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "y"], "other-workspace": ["404", "404", "404", "404"] },
  "entry.read": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "entry.write": { own: ["y", "y", "y", "y"], other: ["y", "y", "403", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "report.read": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "403"], "other-workspace": ["404", "404", "404", "404"] },
  // Saved reports and share links: every member, for their own (the services read only the actor's rows).
  "report.save": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "y"], "other-workspace": ["404", "404", "404", "404"] },
  "report.share": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "y"], "other-workspace": ["404", "404", "404", "404"] },
  "team.read": { own: ["y", "y", "y", "403"], other: ["y", "y", "y", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "integration.connect": { own: ["y", "y", "y", "y"], other: ["y", "y", "y", "y"], "other-workspace": ["404", "404", "404", "404"] },
  // Importing fills the workspace's catalog: a member connects their own account but does not import.
  "integration.import": { own: ["y", "y", "y", "403"], other: ["y", "y", "y", "403"], "other-workspace": ["404", "404", "404", "404"] },
  // A webhook carries every member's changes out of the workspace: owners and admins only.
  "webhook.read": { own: ["y", "y", "403", "403"], other: ["y", "y", "403", "403"], "other-workspace": ["404", "404", "404", "404"] },
  "webhook.manage": { own: ["y", "y", "403", "403"], other: ["y", "y", "403", "403"], "other-workspace": ["404", "404", "404", "404"] },
};

const outcome = (d: ReturnType<typeof decide>) => (d.allowed ? "y" : d.code === "not_found" ? "404" : d.code === "forbidden" ? "403" : `scope:${d.scope}`);

describe("role × action × whose, through a session", () => {
  for (const action of ACTIONS)
    for (const whose of ["own", "other", "other-workspace"] as const)
      it(`${action} on ${whose}`, () => {
        expect(ROLES.map((role) => outcome(decide(actor(role), action, resource(whose))))).toEqual(SESSION[action][whose]);
      });
});

describe("through a token, other members' data needs a scope that says so", () => {
  it("a manager's token reads the team only with read:team", () => {
    expect(outcome(decide(actor("manager", "token", ["read:time_entries"]), "entry.read", resource("other")))).toBe("scope:read:team");
    expect(outcome(decide(actor("manager", "token", ["read:team"]), "entry.read", resource("other")))).toBe("y");
    expect(outcome(decide(actor("manager", "token", ["read:team"]), "report.read", resource("other")))).toBe("y");
  });
  it("an admin's token writes others' entries only with admin:all; read:team does not write", () => {
    expect(outcome(decide(actor("admin", "token", ["read:team", "write:time_entries"]), "entry.write", resource("other")))).toBe("scope:admin:all");
    expect(outcome(decide(actor("admin", "token", ["admin:all"]), "entry.write", resource("other")))).toBe("y");
  });
  it("a scope never lifts a role: a member's admin:all token still cannot read others", () => {
    expect(outcome(decide(actor("member", "token", ["admin:all"]), "entry.read", resource("other")))).toBe("403");
  });
  it("own data needs no extra scope", () => {
    expect(outcome(decide(actor("member", "token", ["read:time_entries"]), "entry.read", resource("own")))).toBe("y");
  });
  it("another workspace is 404 whatever the token", () => {
    expect(outcome(decide(actor("owner", "token", ["admin:all"]), "entry.read", resource("other-workspace")))).toBe("404");
  });
});

describe("token scopes a role may hold", () => {
  it("admin:all for owners and admins, read:team for managers and up, the rest for everyone", () => {
    expect(ROLES.map((r) => mayHoldScope(r, "admin:all"))).toEqual([true, true, false, false]);
    expect(ROLES.map((r) => mayHoldScope(r, "read:team"))).toEqual([true, true, true, false]);
    expect(ROLES.map((r) => mayHoldScope(r, "write:time_entries"))).toEqual([true, true, true, true]);
  });
});

describe("roles", () => {
  it("owners assign any role; admins up to admin and never touch an owner; others none", () => {
    expect(mayAssignRole(actor("owner"), "member", "owner")).toBe(true);
    expect(mayAssignRole(actor("admin"), "member", "admin")).toBe(true);
    expect(mayAssignRole(actor("admin"), "member", "owner")).toBe(false);
    expect(mayAssignRole(actor("admin"), "owner", "member")).toBe(false);
    expect(mayAssignRole(actor("manager"), "member", "member")).toBe(false);
  });
  it("a private project is seen by its members, owners and admins only", () => {
    const p = { workspaceId: WS, private: true, memberIds: [OTHER] };
    expect(ROLES.map((r) => canSeeProject(actor(r), p))).toEqual([true, true, false, false]);
    expect(canSeeProject(actor("member"), { ...p, memberIds: [ME] })).toBe(true);
    expect(canSeeProject(actor("owner"), { ...p, workspaceId: WS + 1 })).toBe(false);
  });
});

describe("importing from an integration", () => {
  it("is the catalog's rule: managers and up, whatever a token says", () => {
    expect(rolesThatMay("integration.import")).toEqual(rolesThatMay("catalog.manage"));
    expect(outcome(decide(actor("member", "token", ["admin:all"]), "integration.import", resource("own")))).toBe("403");
  });
  it("refuses a member with a message that says why", () => {
    const refusal = refusalOf(actor("member"), "integration.import", resource("own"));
    expect(refusal?.code).toBe("forbidden");
    expect(refusal?.message).toMatch(/^You cannot import projects into this workspace .*managers, admins and owners.*: your role in this workspace is member\.$/);
    expect(refusalOf(actor("manager"), "integration.import", resource("own"))).toBeNull();
  });
});

describe("webhooks", () => {
  it("owners and admins only, whatever a token says", () => {
    expect(rolesThatMay("webhook.read")).toEqual(["owner", "admin"]);
    expect(rolesThatMay("webhook.manage")).toEqual(["owner", "admin"]);
    expect(outcome(decide(actor("manager", "token", ["admin:all"]), "webhook.manage", resource("own")))).toBe("403");
  });
  it("refuses a manager with a message that says why", () => {
    const refusal = refusalOf(actor("manager"), "webhook.manage", resource("own"));
    expect(refusal?.code).toBe("forbidden");
    expect(refusal?.message).toMatch(/^You cannot manage this workspace's webhooks .*owners and admins only.*: your role in this workspace is manager\.$/);
  });
});

describe("whose: a member, a former member (left, entries stay), a stranger", () => {
  const of = (subject: "member" | "former" | "stranger", adding = false) => ({ workspaceId: WS, ownerId: OTHER, subject, adding });
  const row = (action: Action, subject: "member" | "former" | "stranger", adding = false) => ROLES.map((role) => outcome(decide(actor(role), action, of(subject, adding))));
  it("a former member's entries are read, changed and deleted as a member's", () => {
    expect(row("entry.read", "former")).toEqual(["y", "y", "y", "403"]);
    expect(row("entry.write", "former")).toEqual(["y", "y", "403", "403"]);
    expect(row("report.read", "former")).toEqual(["y", "y", "y", "403"]);
  });
  it("no new time for a former member; for a member, as before", () => {
    expect(row("entry.write", "former", true)).toEqual(["404", "404", "403", "403"]);
    expect(row("entry.write", "member", true)).toEqual(["y", "y", "403", "403"]);
  });
  it("a stranger is not found, but only once the role allowed: a member learns nothing of who is one", () => {
    expect(row("entry.read", "stranger")).toEqual(["404", "404", "404", "403"]);
    expect(row("entry.write", "stranger")).toEqual(["404", "404", "403", "403"]);
  });
  it("a token without read:team learns nothing either", () => {
    expect(outcome(decide(actor("manager", "token", []), "entry.read", of("stranger")))).toBe("scope:read:team");
  });
});
