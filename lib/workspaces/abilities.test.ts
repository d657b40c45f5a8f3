import { describe, expect, it } from "vitest";
import { workspaceAbilities } from "./abilities";
import type { Actor } from "./policy";

const actor = (role: Actor["role"]): Actor => ({ userId: 1, workspaceId: 7, role, scopes: [], via: "session" });

describe("what the workspace settings pages show controls for", () => {
  it("owners edit everything and may give any role, owner included", () => {
    const a = workspaceAbilities(actor("owner"));
    expect([a.editWorkspace, a.manageMembers, a.invite, a.manageWebhooks]).toEqual([true, true, true, true]);
    expect(a.assignable.owner).toEqual(["owner", "admin", "manager", "member"]);
    expect(a.assignable.new).toEqual(["owner", "admin", "manager", "member"]);
  });

  it("admins manage members up to admin and cannot touch an owner", () => {
    const a = workspaceAbilities(actor("admin"));
    expect([a.editWorkspace, a.manageMembers, a.invite, a.manageWebhooks]).toEqual([true, true, true, true]);
    expect(a.assignable.owner).toEqual([]);
    expect(a.assignable.member).toEqual(["admin", "manager", "member"]);
    expect(a.assignable.new).toEqual(["admin", "manager", "member"]);
  });

  it.each(["manager", "member"] as const)("a %s sees the workspace read-only", (role) => {
    const a = workspaceAbilities(actor(role));
    expect([a.editWorkspace, a.manageMembers, a.invite, a.manageWebhooks]).toEqual([false, false, false, false]);
    expect(Object.values(a.assignable).flat()).toEqual([]);
    expect(a).toMatchObject({ workspaceId: 7, userId: 1, role });
  });
});
