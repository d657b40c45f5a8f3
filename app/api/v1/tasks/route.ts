import { pagination } from "@/lib/api/pagination";
import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { wantsFeed } from "@/lib/changes/feed";
import { createTask, listTaskChanges, listTasks, serializeTask } from "@/lib/tasks/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listTasks, async ({ db, caller, query }) => {
  if (wantsFeed("tasks", query)) {
    const feed = await listTaskChanges(db, caller.actor, query);
    return { tasks: feed.items.map((c) => ("deleted" in c ? c : serializeTask(c))), next_cursor: feed.next_cursor, has_more: feed.has_more };
  }
  const { items, total } = await listTasks(db, caller.actor, query);
  return { tasks: items.map(serializeTask), pagination: pagination(total, query) };
});

export const POST = apiRoute(ops.createTask, async ({ db, caller, body }) => ({
  message: "Task created",
  task: serializeTask(await createTask(db, caller.actor, body)),
}));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
