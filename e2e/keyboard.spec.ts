import type { Page } from "@playwright/test";
import { expect, hydrated, signIn, test } from "./fixtures";

// Keyboard-only use of the Timer page: where focus goes after a picker closes and after Delete, and
// Undo without a mouse. The user is in UTC (the CLI's default).

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function post(page: Page, path: string, data: object) {
  const res = await page.request.post(`/api/v1/${path}`, { data });
  expect(res.status(), await res.text()).toBe(201);
}

/** Past sessions, the first one the most recent, each 20 minutes long. */
async function sessions(page: Page, ...names: string[]) {
  for (const [i, notes] of names.entries()) await post(page, "time-entries", { notes, start_time: ago(30 + i * 30), end_time: ago(10 + i * 30) });
}

const savedNames = async (page: Page) =>
  ((await (await page.request.get("/api/v1/time-entries")).json()).time_entries as { notes: string }[]).map((e) => e.notes).sort();

const recent = (page: Page) => page.getByRole("region", { name: "Recent sessions" });
const deleteButton = (page: Page, name: string) => recent(page).getByRole("button", { name: `Delete “${name}”` });
/** Focus a session's Delete button once React runs it: the server's HTML has it disabled until hydration, and focus() on a disabled button does nothing (the Enter after it went nowhere on a busy machine). */
async function focusDelete(page: Page, name: string) {
  await expect(deleteButton(page, name)).toBeEnabled();
  await deleteButton(page, name).focus();
  await expect(deleteButton(page, name)).toBeFocused();
}
const toast = (page: Page, name: string) => page.getByRole("status").filter({ hasText: `Deleted “${name}”` });

test.describe("keyboard only", () => {
  test("choosing a project or pressing Escape in a picker gives focus back to the picker's button", async ({ page, user }) => {
    await signIn(page, user);
    await post(page, "projects", { name: "Website" });
    await page.reload();
    // Shortcuts exist once React has hydrated the page; a key pressed earlier goes nowhere.
    await hydrated(page, "#timer-name");
    // The pickers' code loads alongside the page's: their buttons stay disabled (and out of the Tab order)
    // until it has arrived.
    const project = page.getByRole("button", { name: /^Project:/ });
    await expect(project).toBeEnabled();
    await expect(page.getByRole("button", { name: /^Tags:/ })).toBeEnabled();

    await page.keyboard.press("n");
    await expect(page.getByRole("textbox", { name: "What are you working on?" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(project).toBeFocused();
    await page.keyboard.press("Enter");
    const search = page.getByRole("combobox", { name: "Choose project" });
    await expect(search).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(search).toBeHidden();
    await expect(project).toBeFocused();

    await page.keyboard.press("Enter");
    await page.keyboard.type("Webs");
    await page.keyboard.press("Enter");
    await expect(search).toBeHidden();
    await expect(page.getByRole("button", { name: "Project: Website" })).toBeFocused();

    // The tag picker, the same way.
    const tags = page.getByRole("button", { name: /^Tags:/ });
    await tags.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("combobox", { name: "Choose tags" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(tags).toBeFocused();

    // In a dialog, Escape closes the picker only, and focus stays in the dialog on the picker's button.
    // (The button's code loads alongside the page's: it is disabled, and takes no focus, until then.)
    const add = page.getByRole("button", { name: "+ Add a past session" });
    await expect(add).toBeEnabled();
    await add.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Add a past session" });
    const dialogProject = dialog.getByRole("button", { name: /^Project:/ });
    await dialogProject.focus();
    await page.keyboard.press("Enter");
    await expect(dialog.getByRole("combobox", { name: "Choose project" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeVisible();
    await expect(dialogProject).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.type("Webs");
    await page.keyboard.press("Enter");
    await expect(dialog.getByRole("button", { name: "Project: Website" })).toBeFocused();
  });

  test("after Delete, focus goes to the next session's Delete, after the last to the previous one's, then to the list's heading", async ({ page, user }) => {
    await signIn(page, user);
    await sessions(page, "Third", "Second", "First");
    await page.reload();
    await expect(recent(page).getByRole("button", { name: /^Delete “/ })).toHaveCount(3);

    await focusDelete(page, "Third");
    await page.keyboard.press("Enter");
    await expect(deleteButton(page, "Third")).toHaveCount(0);
    await expect(deleteButton(page, "Second")).toBeFocused();

    await focusDelete(page, "First");
    await page.keyboard.press("Enter");
    await expect(deleteButton(page, "First")).toHaveCount(0);
    await expect(deleteButton(page, "Second")).toBeFocused();

    await page.keyboard.press("Enter");
    await expect(page.getByText("No sessions this week yet")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Recent sessions" })).toBeFocused();
  });

  test("Undo from the keyboard: U or Ctrl+Z while the toast shows, but not while typing in a field", async ({ page, user }) => {
    await signIn(page, user);
    await sessions(page, "Keep", "Restore me");
    await page.reload();

    await focusDelete(page, "Restore me");
    await page.keyboard.press("Enter");
    await expect(toast(page, "Restore me")).toBeVisible();
    await expect(toast(page, "Restore me").getByRole("button", { name: "Undo" })).toHaveAttribute("aria-keyshortcuts", /\bU\b/);
    await page.keyboard.press("u");
    await expect(toast(page, "Restore me")).toBeHidden();
    await expect(deleteButton(page, "Restore me")).toBeVisible();
    await expect.poll(() => savedNames(page)).toEqual(["Keep", "Restore me"]);

    // Typing "u" (or Ctrl+Z) in a field is typing, not Undo.
    await focusDelete(page, "Restore me");
    await page.keyboard.press("Enter");
    await expect(toast(page, "Restore me")).toBeVisible();
    // The toast can show a moment before the deleted row leaves the list: wait for the one row left.
    await expect(deleteButton(page, "Restore me")).toHaveCount(0);
    const name = recent(page).getByTestId("entry-row").getByRole("textbox");
    await name.focus();
    await page.keyboard.press("End");
    await page.keyboard.type("u");
    await expect(name).toHaveValue("Keepu");
    await page.keyboard.press("Control+z");
    await expect(toast(page, "Restore me")).toBeVisible();
    await page.keyboard.press("Escape"); // puts the name back
    await expect(name).toHaveValue("Keep");

    await focusDelete(page, "Keep");
    await page.keyboard.press("Control+z");
    await expect(toast(page, "Restore me")).toBeHidden();
    await expect(deleteButton(page, "Restore me")).toBeVisible();
    await expect.poll(() => savedNames(page)).toEqual(["Keep", "Restore me"]);
  });

  test("the toast stays while it has focus or the pointer, and focus comes back from it after Undo", async ({ page, user }) => {
    await page.clock.install();
    await signIn(page, user);
    await sessions(page, "Only one");
    await page.reload();

    await focusDelete(page, "Only one");
    await page.keyboard.press("Enter");
    const heading = page.getByRole("heading", { name: "Recent sessions" });
    await expect(heading).toBeFocused();
    const undo = toast(page, "Only one").getByRole("button", { name: "Undo" });
    await undo.focus();
    await page.clock.fastForward(30_000);
    await expect(toast(page, "Only one")).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(deleteButton(page, "Only one")).toBeVisible();
    await expect(toast(page, "Only one")).toBeHidden();
    await expect(heading).toBeFocused();
    await expect.poll(() => savedNames(page)).toEqual(["Only one"]);

    await focusDelete(page, "Only one");
    await page.keyboard.press("Enter");
    await toast(page, "Only one").hover();
    await page.clock.fastForward(30_000);
    await expect(toast(page, "Only one")).toBeVisible();
    await page.mouse.move(1, 1);
    await page.clock.fastForward(7_000);
    await expect(toast(page, "Only one")).toBeHidden();
    await expect.poll(() => savedNames(page)).toEqual([]);
  });
});
