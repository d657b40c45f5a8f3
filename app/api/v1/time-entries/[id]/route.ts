import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { deleteEntry, getEntryOrThrow, updateEntry } from "@/lib/entries/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.getEntry, async ({ db, caller, params }) => ({
  time_entry: serializeEntry(await getEntryOrThrow(db, caller.actor, params.id)),
}));

const update = (op: typeof ops.putEntry | typeof ops.patchEntry) =>
  apiRoute(op, async ({ db, caller, params, body }) => ({
    message: "Time entry updated",
    time_entry: serializeEntry(await updateEntry(db, caller.actor, params.id, body)),
  }));
export const PUT = update(ops.putEntry);
export const PATCH = update(ops.patchEntry);

export const DELETE = apiRoute(ops.deleteEntry, async ({ db, caller, params }) => {
  await deleteEntry(db, caller.actor, params.id);
  return { message: "Time entry deleted" };
});

export const { POST } = otherMethods("GET", "PUT", "PATCH", "DELETE");
