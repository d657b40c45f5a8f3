import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { createShareLink, listShareLinks, serializeShareLink } from "@/lib/reports/saved/service";

export const GET = apiRoute(ops.listShareLinks, async ({ db, caller, params }) => ({
  share_links: (await listShareLinks(db, caller.actor, params.id)).map((l) => serializeShareLink(l)),
}));

export const POST = apiRoute(ops.createShareLink, async ({ db, caller, params, body }) => {
  const { token, url, link } = await createShareLink(db, caller.actor, params.id, body);
  return { message: "Share link created. It is shown only this once.", token, url, share_link: serializeShareLink(link) };
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
