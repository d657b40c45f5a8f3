import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { restoreEntry } from "@/lib/entries/service";
import { otherMethods } from "@/lib/api/other-methods";

// Undo of DELETE /time-entries/{id}: the same entry (id, project, task, tags) back, for a while.
export const POST = apiRoute(ops.restoreEntry, async ({ db, caller, params }) => ({
  message: "Time entry restored",
  time_entry: serializeEntry(await restoreEntry(db, caller.actor, params.id)),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
