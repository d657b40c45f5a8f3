import crypto from "node:crypto";
import { signedIn } from "./api/api-fixtures";
import { createUser, expect, signIn, test } from "./fixtures";
import { runCli } from "./support/cli";
import { e2e, e2eDatabaseUrl } from "./support/config";
import { budget } from "./support/budget";
import { myWorkspaces } from "./support/team";

// Settings → Members and Invitations show a big workspace whole: 150 members (the API answers 100 a page)
// and 120 pending invitations.

const MEMBERS = 150;
const INVITATIONS = 120;

async function cli(args: string[]): Promise<string> {
  const run = await runCli(args, { dataDir: e2e.dataDir!, databaseUrl: e2eDatabaseUrl() });
  if (run.code !== 0) throw new Error(`stint ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}

test("Settings lists every member and every pending invitation of a big workspace", async ({ page }) => {
  test.setTimeout(budget.withServer * 2); // 150 accounts, each with its password hashed
  const owner = await createUser("big-owner");
  const session = await signedIn(owner);
  const [workspace] = await myWorkspaces(session);
  const tag = crypto.randomBytes(3).toString("hex");
  for (let batch = 0; batch < MEMBERS - 1; batch += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, MEMBERS - 1 - batch) }, async (_, i) => {
        const email = `big-${tag}-${batch + i}@example.com`;
        await cli(["user", "create", "--email", email, "--password", `pass ${tag} word`, "--name", `Big ${tag} ${String(batch + i).padStart(3, "0")}`]);
        await cli(["member", "add", "--workspace", String(workspace.id), "--user", email]);
      }),
    );
  }
  // Ten at a time, as the members above (the order of invitations is not what this tests).
  for (let batch = 0; batch < INVITATIONS; batch += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, INVITATIONS - batch) }, async (_, i) => {
        const res = await session.post(`/api/v1/workspaces/${workspace.id}/invitations`, { data: { email: `invitee-${tag}-${batch + i}@example.com`, role: "member" } });
        expect(res.status(), await res.text()).toBe(201);
      }),
    );
  }

  await signIn(page, owner);
  await page.goto("/settings/workspace");
  await expect(page.getByTestId("member-item")).toHaveCount(MEMBERS);
  // The last to join is there too (members added in the same instant may come in any order among themselves).
  await expect(page.getByTestId("member-item").filter({ hasText: `Big ${tag} ${String(MEMBERS - 2).padStart(3, "0")}` })).toHaveCount(1);
  await expect(page.getByTestId("invitation-item")).toHaveCount(INVITATIONS);
  await session.dispose();
});
