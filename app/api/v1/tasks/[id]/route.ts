import { apiRoute, idParams } from "@/lib/api/route";
import { updateTaskSchema } from "@/lib/tasks/schema";
import { deleteTask, getTaskOrThrow, serializeTask, updateTask } from "@/lib/tasks/service";

export const GET = apiRoute({ scope: "read:tasks", params: idParams }, async ({ db, caller, params }) => ({
  task: serializeTask(await getTaskOrThrow(db, caller.user.id, params.id)),
}));

const update = apiRoute({ scope: "write:tasks", params: idParams, body: updateTaskSchema }, async ({ db, caller, params, body }) => ({
  message: "Task updated",
  task: serializeTask(await updateTask(db, caller.user.id, params.id, body)),
}));
export const PUT = update;
export const PATCH = update;

export const DELETE = apiRoute({ scope: "write:tasks", params: idParams }, async ({ db, caller, params }) => {
  await deleteTask(db, caller.user.id, params.id);
  return { message: "Task deleted" };
});
