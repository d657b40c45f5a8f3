import { pagination } from "@/lib/api/pagination";
import { apiRoute, created } from "@/lib/api/route";
import { createTaskSchema, listTasksQuery } from "@/lib/tasks/schema";
import { createTask, listTasks, serializeTask } from "@/lib/tasks/service";

export const GET = apiRoute({ scope: "read:tasks", query: listTasksQuery }, async ({ db, caller, query }) => {
  const { items, total } = await listTasks(db, caller.user.id, query);
  return { tasks: items.map(serializeTask), pagination: pagination(total, query) };
});

export const POST = apiRoute({ scope: "write:tasks", body: createTaskSchema }, async ({ db, caller, body }) =>
  created({ message: "Task created", task: serializeTask(await createTask(db, caller.user.id, body)) }),
);
