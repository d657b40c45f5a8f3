import { apiRoute, idParams } from "@/lib/api/route";
import { updateEntrySchema } from "@/lib/entries/schema";
import { serializeEntry } from "@/lib/entries/serialize";
import { deleteEntry, getEntryOrThrow, updateEntry } from "@/lib/entries/service";

export const GET = apiRoute({ scope: "read:time_entries", params: idParams }, async ({ db, caller, params }) => ({
  time_entry: serializeEntry(await getEntryOrThrow(db, caller.user.id, params.id)),
}));

const update = apiRoute({ scope: "write:time_entries", params: idParams, body: updateEntrySchema }, async ({ db, caller, params, body }) => ({
  message: "Time entry updated",
  time_entry: serializeEntry(await updateEntry(db, caller.user, params.id, body)),
}));
export const PUT = update;
export const PATCH = update;

export const DELETE = apiRoute({ scope: "write:time_entries", params: idParams }, async ({ db, caller, params }) => {
  await deleteEntry(db, caller.user.id, params.id);
  return { message: "Time entry deleted" };
});
