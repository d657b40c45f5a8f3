import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { pagination } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { actorFor } from "@/lib/workspaces/actor";
import { listMembers, serializeMember } from "@/lib/workspaces/members";

export const GET = apiRoute(ops.listMembers, async ({ db, caller, params, query }) => {
  const { members, total } = await listMembers(db, await actorFor(db, caller, params.id), query);
  return { members: members.map(serializeMember), pagination: pagination(total, query) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
