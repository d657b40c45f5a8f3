import type { Db } from "@/db";
import { publicUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getUserByEmailOrThrow } from "@/lib/users/service";
import { operatorActor } from "@/lib/workspaces/actor";
import { createInvitation } from "@/lib/workspaces/invitations";
import { addMember, removeMember, serializeMember, updateMember } from "@/lib/workspaces/members";
import { roleSchema } from "@/lib/workspaces/schema";
import { createWorkspace, listAllWorkspaces, listWorkspaces, serializeWorkspace } from "@/lib/workspaces/service";
import { str, type Command, type Flags } from "./command";

// Workspaces and members from the server's shell. The operator acts with an owner's powers in the name of
// one of the workspace's owners; the services apply the same rules as for the API (at least one owner...).

function workspaceIdOf(flags: Flags): number {
  const id = str(flags, "workspace")!;
  if (!/^\d{1,9}$/.test(id)) throw AppError.validation({ workspace: ["Give the workspace's id (see workspace list)."] });
  return Number(id);
}

function roleOf(flags: Flags, fallback?: string) {
  const result = roleSchema.safeParse(str(flags, "role") ?? fallback);
  if (!result.success) throw AppError.validation({ role: ["Role must be owner, admin, manager or member."] });
  return result.data;
}

async function memberLine(db: Db, flags: Flags) {
  return { workspaceId: workspaceIdOf(flags), user: await getUserByEmailOrThrow(db, str(flags, "user")!) };
}

export const WORKSPACE_COMMANDS: Record<string, Command> = {
  "workspace create": {
    usage: "workspace create --owner E --name N [--currency C]",
    options: { owner: { type: "string" }, name: { type: "string" }, currency: { type: "string" } },
    required: ["owner", "name"],
    async run(db, flags) {
      const owner = await getUserByEmailOrThrow(db, str(flags, "owner")!);
      const workspace = await createWorkspace(db, { userId: owner.id }, { name: str(flags, "name")!, currency: str(flags, "currency") });
      return { text: `Created workspace ${workspace.name} (id ${workspace.id}), owned by ${owner.email}`, json: serializeWorkspace(workspace) };
    },
  },
  "workspace list": {
    usage: "workspace list [--user E]   (every workspace, or the user's with their role)",
    options: { user: { type: "string" } },
    required: [],
    async run(db, flags) {
      const email = str(flags, "user");
      if (email) {
        const user = await getUserByEmailOrThrow(db, email);
        const list = await listWorkspaces(db, { user, scopes: [], via: "session" });
        return { text: list.map((w) => `${w.id}\t${w.name}\t${w.role}`).join("\n"), json: list.map(serializeWorkspace) };
      }
      const all = await listAllWorkspaces(db);
      return {
        text: all.length ? all.map((w) => `${w.id}\t${w.name}\t${w.members} members, ${w.owners} owners`).join("\n") : "No workspaces.",
        json: all.map((w) => ({ id: w.id, name: w.name, currency: w.currency, members: w.members, owners: w.owners, created_at: w.createdAt.toISOString() })),
      };
    },
  },
  "workspace invite": {
    usage: "workspace invite --workspace ID --email E [--role owner|admin|manager|member] [--url https://stint.example.com]   (prints the link)",
    options: { workspace: { type: "string" }, email: { type: "string" }, role: { type: "string" }, url: { type: "string" } },
    required: ["workspace", "email"],
    async run(db, flags) {
      const actor = await operatorActor(db, workspaceIdOf(flags));
      // The link names the public address: --url, else STINT_PUBLIC_URL, else the default local one.
      const made = await createInvitation(db, actor, { email: str(flags, "email")!, role: roleOf(flags, "member") }, { baseUrl: str(flags, "url") ?? publicUrl() });
      const i = made.invitation;
      return {
        text: `${made.url}\n(for ${i.email} as ${i.role}; valid once, until ${i.expiresAt.toISOString()})`,
        json: { id: i.id, url: made.url, path: new URL(made.url).pathname, email: i.email, role: i.role, expires_at: i.expiresAt.toISOString() },
      };
    },
  },
  "member add": {
    usage: "member add --workspace ID --user E [--role owner|admin|manager|member]",
    options: { workspace: { type: "string" }, user: { type: "string" }, role: { type: "string" } },
    required: ["workspace", "user"],
    async run(db, flags) {
      const { workspaceId, user } = await memberLine(db, flags);
      const member = await addMember(db, await operatorActor(db, workspaceId), { userId: user.id, role: roleOf(flags, "member") });
      return { text: `Added ${member.email} to workspace ${workspaceId} as ${member.role}`, json: serializeMember(member) };
    },
  },
  "member role": {
    usage: "member role --workspace ID --user E --role owner|admin|manager|member",
    options: { workspace: { type: "string" }, user: { type: "string" }, role: { type: "string" } },
    required: ["workspace", "user", "role"],
    async run(db, flags) {
      const { workspaceId, user } = await memberLine(db, flags);
      const member = await updateMember(db, await operatorActor(db, workspaceId, { besides: user.id }), user.id, { role: roleOf(flags) });
      return { text: `${member.email} is now ${member.role} in workspace ${workspaceId}`, json: serializeMember(member) };
    },
  },
  "member remove": {
    usage: "member remove --workspace ID --user E   (their time entries stay, attributed to them)",
    options: { workspace: { type: "string" }, user: { type: "string" } },
    required: ["workspace", "user"],
    async run(db, flags) {
      const { workspaceId, user } = await memberLine(db, flags);
      await removeMember(db, await operatorActor(db, workspaceId, { besides: user.id }), user.id);
      return { text: `Removed ${user.email} from workspace ${workspaceId}`, json: { workspace_id: workspaceId, user_id: user.id, removed: true } };
    },
  },
};
