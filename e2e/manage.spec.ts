import type { Locator, Page } from "@playwright/test";
import { createUser, expect, signIn, test } from "./fixtures";

// Managing what time is tracked against: clients, projects (and their tasks) and tags, through the UI.

const projectRow = (page: Page, name: string) => page.getByTestId("project-row").filter({ has: page.getByRole("link", { name, exact: true }) });
const clientRow = (page: Page, name: string) => page.getByTestId("client-row").filter({ hasText: name });
const taskRow = (page: Page, name: string) => page.getByTestId("task-row").filter({ hasText: name });
const tagRow = (page: Page, name: string) => page.getByTestId("tag-row").filter({ has: page.getByText(name, { exact: true }) });
const tab = (page: Page, name: string) => page.getByRole("group", { name: /^Show/ }).getByRole("button", { name: new RegExp(`^${name}`) });

/** A save the page sent, answered with success. */
function saved(page: Page, method: string, path: RegExp) {
  return page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname) && r.ok());
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

async function expectDot(dot: Locator, hex: string, rgb: string) {
  await expect(dot).toHaveAttribute("data-color", hex);
  await expect(dot).toHaveCSS("background-color", rgb);
}

test.describe("managing clients, projects, tasks and tags", () => {
  test("a client and its project: create, rename, archive and restore, hold; all kept after a reload", async ({ page, user }) => {
    await signIn(page, user);

    // Clients: create one.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).click();
    await expect(page.getByRole("heading", { name: "Clients", level: 1 })).toBeVisible();
    await expect(page.getByText("No clients yet.")).toBeVisible();
    await page.getByRole("button", { name: "New client" }).click();
    const newClient = page.getByRole("dialog", { name: "New client" });
    await newClient.getByLabel("Name").fill("Acme Corp");
    await newClient.getByLabel("Email (optional)").fill("billing@acme.test");
    await newClient.getByLabel("Company (optional)").fill("Acme Corporation");
    await newClient.getByRole("button", { name: "Create client" }).click();
    await expect(newClient).toBeHidden();
    await expect(clientRow(page, "Acme Corp")).toContainText("billing@acme.test");
    await expect(clientRow(page, "Acme Corp")).toContainText("0 projects");

    // Projects: none yet, and the empty list says what to do.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
    await expect(page.getByText("No projects yet.")).toBeVisible();
    await expect(page.getByText("Create one here, or from the timer.")).toBeVisible();

    // Create a project for the client, with a colour of the palette, a rate and an estimate.
    await page.getByRole("button", { name: "Create a project" }).click();
    const newProject = page.getByRole("dialog", { name: "New project" });
    await newProject.getByLabel("Name").fill("Website");
    await newProject.getByLabel("Client").selectOption({ label: "Acme Corp" });
    await newProject.getByRole("radio", { name: "Teal" }).check();
    await expect(newProject.getByRole("switch", { name: "Billable" })).toBeChecked();
    await newProject.getByLabel("Hourly rate").fill("85");
    await newProject.getByLabel("Estimated hours").fill("40");
    await newProject.getByRole("button", { name: "Create project" }).click();
    await expect(newProject).toBeHidden();

    const website = projectRow(page, "Website");
    // The empty state's button went away with the empty list: focus is on the new project instead.
    await expect(website.getByRole("link", { name: "Website" })).toBeFocused();
    await expect(website).toContainText("Acme Corp");
    await expect(website).toContainText("Active");
    await expect(website).toContainText("Billable");
    await expect(website).toContainText("€85.00/h");
    await expect(website).toContainText("40 h");
    await expectDot(website.locator(".color-dot"), "#14b8a6", "rgb(20, 184, 166)");
    await expect(tab(page, "Active")).toHaveAttribute("aria-pressed", "true");

    // A bad rate is explained next to its field, and nothing is saved.
    await page.getByRole("button", { name: "Edit Website" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Website" });
    await edit.getByLabel("Hourly rate").fill("-5");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByLabel("Hourly rate")).toHaveAccessibleDescription("Hourly rate cannot be negative.");
    await expect(edit.getByLabel("Hourly rate")).toBeFocused();
    // Rename it (Enter submits) with a good rate.
    await edit.getByLabel("Hourly rate").fill("90");
    await edit.getByLabel("Name").fill("Website relaunch");
    await edit.getByLabel("Name").press("Enter");
    await expect(edit).toBeHidden();
    const relaunch = projectRow(page, "Website relaunch");
    await expect(relaunch).toContainText("€90.00/h");
    await expect(projectRow(page, "Website")).toHaveCount(0);
    // Escape closes the dialog without saving.
    await page.getByRole("button", { name: "Edit Website relaunch" }).click();
    await page.getByRole("dialog", { name: "Edit Website relaunch" }).getByLabel("Name").fill("Not this");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(page.getByRole("button", { name: "Edit Website relaunch" })).toBeFocused();
    await expect(relaunch).toBeVisible();

    // Archive: it leaves the Active list (undo is offered) and is under Archived.
    await page.getByRole("button", { name: "Archive Website relaunch" }).click();
    await expect(page.getByText("Archived “Website relaunch”")).toBeVisible();
    await expect(relaunch).toHaveCount(0);
    await expect(page.getByText("No active projects.")).toBeVisible();
    await tab(page, "Archived").click();
    await expect(relaunch).toContainText("Archived");
    await expect(page).toHaveURL(/\/projects\?status=archived$/);
    await page.reload();
    await expect(tab(page, "Archived")).toHaveAttribute("aria-pressed", "true");
    await expect(relaunch).toContainText("Archived");

    // Restore it, then put it on hold.
    await page.getByRole("button", { name: "Restore Website relaunch" }).click();
    await expect(page.getByText("No archived projects.")).toBeVisible();
    await tab(page, "Active").click();
    await expect(relaunch).toContainText("Active");
    await page.getByRole("button", { name: "Put on hold Website relaunch" }).click();
    await expect(relaunch).toHaveCount(0);
    await tab(page, "On hold").click();
    await expect(relaunch).toContainText("On hold");
    await page.getByRole("button", { name: "Resume Website relaunch" }).click();
    await expect(relaunch).toHaveCount(0);
    await tab(page, "Active").click();
    // Archiving can be undone from its message.
    await page.getByRole("button", { name: "Archive Website relaunch" }).click();
    await expect(relaunch).toHaveCount(0);
    await page.getByRole("status").filter({ hasText: "Archived “Website relaunch”" }).getByRole("button", { name: "Undo" }).click();
    await expect(relaunch).toContainText("Active");

    // After a reload everything is as left: active, renamed, with its client, colour and rate.
    await page.goto("/projects");
    await expect(relaunch).toContainText("Active");
    await expect(relaunch).toContainText("Acme Corp");
    await expect(relaunch).toContainText("€90.00/h");
    await expectDot(relaunch.locator(".color-dot"), "#14b8a6", "rgb(20, 184, 166)");
    await expect(tab(page, "All")).toContainText("1");

    // The client now counts it; a second client of the same name is refused next to the name field.
    await page.goto("/clients");
    await expect(clientRow(page, "Acme Corp")).toContainText("1 project");
    await page.getByRole("button", { name: "New client" }).click();
    const dup = page.getByRole("dialog", { name: "New client" });
    await dup.getByLabel("Name").fill("ACME corp");
    await dup.getByRole("button", { name: "Create client" }).click();
    await expect(dup.getByText("You already have a client with this name.")).toBeVisible();
    await expect(dup.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await expect(dup.getByLabel("Name")).toHaveAccessibleDescription("You already have a client with this name.");
    await dup.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("client-row")).toHaveCount(1);

    // Archive the client: it leaves the active list and shows under Archived, also after a reload.
    await page.getByRole("button", { name: "Archive Acme Corp" }).click();
    await expect(page.getByText("No active clients.")).toBeVisible();
    await tab(page, "Archived").click();
    await expect(clientRow(page, "Acme Corp")).toContainText("Archived");
    await page.reload();
    await expect(clientRow(page, "Acme Corp")).toContainText("Archived");
    await expect(clientRow(page, "Acme Corp")).toContainText("1 project");

    // Deleting a client keeps its project, without a client.
    await page.getByRole("button", { name: "Delete Acme Corp" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete client “Acme Corp”?" });
    await expect(confirm).toContainText("Its project is kept, without a client, with all its tracked time.");
    await confirm.getByRole("button", { name: "Delete client" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText("No clients yet.")).toBeVisible();
    await page.goto("/projects");
    await expect(relaunch).toContainText("No client");
  });

  test("a project's tasks: add, rename, set status and priority, delete (its time stays on the project)", async ({ page, user }) => {
    await signIn(page, user);
    const res = await page.request.post("/api/v1/projects", { data: { name: "Mobile app", color: "#ef4444" } });
    const project = (await res.json()).project as { id: number };

    await page.goto("/projects");
    await projectRow(page, "Mobile app").getByRole("link", { name: "Mobile app" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
    await expect(page.getByRole("heading", { name: "Mobile app", level: 1 })).toBeVisible();
    await expect(page.getByText("No tasks yet.")).toBeVisible();

    // Enter adds a task; the box is cleared and keeps focus for the next one.
    const newTask = page.getByLabel("New task");
    await newTask.fill("Design mockups");
    await newTask.press("Enter");
    await expect(taskRow(page, "Design mockups")).toBeVisible();
    await expect(newTask).toHaveValue("");
    await expect(newTask).toBeFocused();
    await newTask.fill("Write copy");
    await page.getByLabel("Priority", { exact: true }).selectOption("high");
    await page.getByRole("button", { name: "Add task" }).click();
    await expect(page.getByLabel("Priority of Write copy")).toHaveValue("high");
    await expect(page.getByText("2 open of 2")).toBeVisible();

    // Status changes are saved as they are picked.
    let save = saved(page, "PATCH", /\/api\/v1\/tasks\/\d+$/);
    await page.getByLabel("Status of Design mockups").selectOption("in_progress");
    await save;
    save = saved(page, "PATCH", /\/api\/v1\/tasks\/\d+$/);
    await page.getByLabel("Status of Write copy").selectOption("done");
    await save;
    await expect(page.getByText("1 open of 2")).toBeVisible();

    // Rename in place: Escape puts it back (focus returns to Rename), Enter saves.
    await page.getByRole("button", { name: "Rename task Write copy" }).click();
    await page.getByLabel("New name for task Write copy").fill("Something else");
    await page.getByLabel("New name for task Write copy").press("Escape");
    await expect(page.getByRole("button", { name: "Rename task Write copy" })).toBeFocused();
    await page.getByRole("button", { name: "Rename task Write copy" }).click();
    await page.getByLabel("New name for task Write copy").fill("   ");
    await page.getByLabel("New name for task Write copy").press("Enter");
    await expect(page.getByLabel("New name for task Write copy")).toHaveAccessibleDescription("Name cannot be empty.");
    await page.getByLabel("New name for task Write copy").fill("Write landing copy");
    await page.getByLabel("New name for task Write copy").press("Enter");
    await expect(page.getByRole("button", { name: "Rename task Write landing copy" })).toBeFocused();

    // Time tracked on a task survives its deletion, on the project without a task.
    const tasks = (await (await page.request.get(`/api/v1/tasks?project_id=${project.id}`)).json()).tasks as { id: number; name: string }[];
    const mockups = tasks.find((t) => t.name === "Design mockups")!;
    const entryRes = await page.request.post("/api/v1/time-entries", {
      data: { notes: "Sketching", task_id: mockups.id, start_time: "2026-03-02T09:00", end_time: "2026-03-02T10:30" },
    });
    expect(entryRes.status()).toBe(201);
    const entry = (await entryRes.json()).time_entry as { id: number; task_id: number };
    expect(entry.task_id).toBe(mockups.id);

    await page.getByRole("button", { name: "Delete task Design mockups" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete task “Design mockups”?" });
    await expect(confirm).toContainText("Time tracked on this task is kept: it stays on Mobile app, without a task.");
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Delete task" }).click();
    await expect(confirm).toBeHidden();
    await expect(taskRow(page, "Design mockups")).toHaveCount(0);
    const after = (await (await page.request.get(`/api/v1/time-entries/${entry.id}`)).json()).time_entry;
    expect([after.project_id, after.task_id, after.duration_seconds]).toEqual([project.id, null, 5400]);

    // After a reload: the renamed task, done, with its priority; the deleted one gone.
    await page.reload();
    await expect(page.getByLabel("Status of Write landing copy")).toHaveValue("done");
    await expect(page.getByLabel("Priority of Write landing copy")).toHaveValue("high");
    await expect(page.getByTestId("task-row")).toHaveCount(1);
    await expectDot(page.getByRole("heading", { level: 1 }).locator(".color-dot"), "#ef4444", "rgb(239, 68, 68)");
  });

  test("tags: create, a taken name refused next to the field, rename, delete (off its entries too)", async ({ page, user }) => {
    await signIn(page, user);
    // While the list loads, a skeleton stands in for it.
    let release = () => {};
    const answered = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/v1/tags", async (route) => {
      await answered;
      await route.continue();
    });
    await page.goto("/tags");
    await expect(page.getByLabel("Loading")).toBeVisible();
    release();
    await expect(page.getByText("No tags yet.")).toBeVisible();
    await expect(page.getByLabel("Loading")).toHaveCount(0);
    await page.unrouteAll();

    const newTag = page.getByLabel("New tag");
    await newTag.fill("meeting");
    await newTag.press("Enter");
    await expect(tagRow(page, "meeting")).toContainText("0 entries");
    await expect(newTag).toHaveValue("");
    await newTag.fill("deep work");
    await page.getByRole("button", { name: "Add tag" }).click();
    await expect(tagRow(page, "deep work")).toBeVisible();

    await newTag.fill("Meeting");
    await newTag.press("Enter");
    await expect(newTag).toHaveAccessibleDescription("You already have this tag.");
    await expect(newTag).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("tag-row")).toHaveCount(2);

    // An entry tagged "meeting" counts in its usage.
    const entryRes = await page.request.post("/api/v1/time-entries", { data: { notes: "Standup", tags: "meeting", start_time: "2026-03-02T09:00", end_time: "2026-03-02T09:15" } });
    const entry = (await entryRes.json()).time_entry as { id: number; tag_list: string[] };
    expect(entry.tag_list).toEqual(["meeting"]);
    await page.reload();
    await expect(tagRow(page, "meeting")).toContainText("1 entry");

    // Rename in place: a taken name is explained under the box; another name is saved.
    await page.getByRole("button", { name: "Rename tag deep work" }).click();
    const box = page.getByLabel("New name for tag deep work");
    await box.fill("MEETING");
    await box.press("Enter");
    await expect(box).toHaveAccessibleDescription("You already have this tag.");
    await box.fill("focus");
    await box.press("Enter");
    await expect(tagRow(page, "focus")).toBeVisible();
    await expect(tagRow(page, "deep work")).toHaveCount(0);

    // Delete "meeting": the dialog says what happens to the entry that has it.
    await page.getByRole("button", { name: "Delete tag meeting" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete tag “meeting”?" });
    await expect(confirm).toContainText("It is removed from the 1 entry that has it");
    await confirm.getByRole("button", { name: "Delete tag" }).click();
    await expect(tagRow(page, "meeting")).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId("tag-row")).toHaveCount(1);
    await expect(tagRow(page, "focus")).toContainText("0 entries");
    const after = (await (await page.request.get(`/api/v1/time-entries/${entry.id}`)).json()).time_entry;
    expect([after.notes, after.tag_list]).toEqual(["Standup", []]);
  });

  test("another user's project, or a made-up id, is not found", async ({ page, user, browser }) => {
    const other = await createUser("other");
    const otherContext = await browser.newContext();
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, other);
    const res = await otherPage.request.post("/api/v1/projects", { data: { name: "Secret plans" } });
    const secret = (await res.json()).project as { id: number };
    // Its owner sees it...
    await otherPage.goto(`/projects/${secret.id}`);
    await expect(otherPage.getByRole("heading", { name: "Secret plans", level: 1 })).toBeVisible();
    await otherContext.close();

    // ...nobody else does.
    await signIn(page, user);
    const answer = await page.goto(`/projects/${secret.id}`);
    expect(answer?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Project not found" })).toBeVisible();
    await expect(page.getByText("Secret plans")).toHaveCount(0);
    for (const bad of ["abc", "0", "99999999999"]) {
      const r = await page.goto(`/projects/${bad}`);
      expect(r?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Project not found" })).toBeVisible();
    }
    await page.getByRole("link", { name: "Back to your projects" }).click();
    await expect(page.getByText("No projects yet.")).toBeVisible();
  });

  test("on a 375 px phone the pages fit the screen", async ({ page, user }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await signIn(page, user);
    const client = (await (await page.request.post("/api/v1/clients", { data: { name: "Initech International Holdings", email: "someone.with.a.long.address@initech.example.com", phone: "+1 555 0100" } })).json()).client;
    const project = (await (await page.request.post("/api/v1/projects", { data: { name: "A project with a rather long name indeed", client_id: client.id, hourly_rate: 120, estimated_hours: 12.5 } })).json()).project;
    await page.request.post("/api/v1/tasks", { data: { project_id: project.id, name: "A task whose name goes on for quite a while", priority: "urgent" } });
    const longTag = "client-communication-with-a-name-of-fifty-letters!";
    expect(longTag).toHaveLength(50);
    await page.request.post("/api/v1/tags", { data: { name: longTag } });

    for (const [path, text] of [
      ["/projects", project.name],
      [`/projects/${project.id}`, "A task whose name goes on for quite a while"],
      ["/clients", client.name],
      ["/tags", longTag],
    ]) {
      await page.goto(path);
      await expect(page.getByText(text).first()).toBeVisible();
      await noHorizontalScroll(page);
    }
  });
});
