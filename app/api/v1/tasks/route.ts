import { pagination } from "@/lib/api/pagination";
import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { createTask, listTasks, serializeTask } from "@/lib/tasks/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listTasks, async ({ db, caller, query }) => {
  const { items, total } = await listTasks(db, caller.actor, query);
  return { tasks: items.map(serializeTask), pagination: pagination(total, query) };
});

export const POST = apiRoute(ops.createTask, async ({ db, caller, body }) => ({
  message: "Task created",
  task: serializeTask(await createTask(db, caller.actor, body)),
}));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
