import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { deleteTask, getTaskOrThrow, serializeTask, updateTask } from "@/lib/tasks/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.getTask, async ({ db, caller, params }) => ({
  task: serializeTask(await getTaskOrThrow(db, caller.actor, params.id)),
}));

const update = (op: typeof ops.putTask | typeof ops.patchTask) =>
  apiRoute(op, async ({ db, caller, params, body }) => ({
    message: "Task updated",
    task: serializeTask(await updateTask(db, caller.actor, params.id, body)),
  }));
export const PUT = update(ops.putTask);
export const PATCH = update(ops.patchTask);

export const DELETE = apiRoute(ops.deleteTask, async ({ db, caller, params }) => {
  await deleteTask(db, caller.actor, params.id);
  return { message: "Task deleted" };
});

export const { POST } = otherMethods("GET", "PUT", "PATCH", "DELETE");
