import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { startSmtpSink, type SmtpSink } from "./fakes/smtp";
import { expect, signIn, test, uniqueEmail, type TestUser } from "./fixtures";
import { e2e } from "./support/config";

// "Forgot password?" on the shared server, which mails through the SMTP sink this spec runs on
// e2e.smtpSinkPort (STINT_SMTP_URL, see mailSinkEnv). The page's answer never tells whether an address
// has an account; the mail carries a one-time link. Each test comes from a client address of its own
// (the shared server trusts X-Forwarded-For), so the per-address limit throttles nobody else.

const ANSWER = "If an account exists for that address, we sent a link to set a new password. It works once, for 1 hour.";
const randomAddress = () => `203.0.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

let sink: SmtpSink;
test.beforeAll(async () => {
  sink = await startSmtpSink({ port: e2e.smtpSinkPort });
});
test.afterAll(async () => {
  await sink?.close();
});
test.afterEach(() => {
  sink.mode = "accept";
});

async function fromAddressOfItsOwn(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": randomAddress() } });
  return context.newPage();
}

async function askForLink(page: Page, email: string) {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
}

/** The link of the one reset mail to `user`, as a path on this server (the mail names STINT_PUBLIC_URL's). */
async function linkMailedTo(user: TestUser): Promise<string> {
  await expect.poll(() => sink.mailsTo(user.email).length).toBe(1);
  const [mail] = sink.mailsTo(user.email);
  expect(mail.from).toBe("stint@e2e.example.com");
  expect(mail.subject).toBe("Reset your Stint password");
  expect(mail.text).toContain(`the Stint account ${user.email} at http://localhost:3000.`);
  expect(mail.text).toContain("It works once, for 1 hour");
  const line = mail.text.split("\n").find((l) => l.startsWith("http://localhost:3000/reset-password?token="));
  expect(line, mail.text).toBeDefined();
  expect(mail.html).toContain(`href="${line!.replaceAll("&", "&#38;")}"`);
  const url = new URL(line!);
  return `${url.pathname}${url.search}`;
}

test("Forgot password? mails a one-time link; it sets a new password to sign in with, once", async ({ browser, user }) => {
  const page = await fromAddressOfItsOwn(browser);
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(ANSWER);

  const link = await linkMailedTo(user);
  await page.goto(link);
  await page.getByLabel("New password").fill("mailed reset 42 works");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");

  await signIn(page, { email: user.email, password: "mailed reset 42 works" });
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Used once: the link now sets nothing.
  await page.goto(link);
  await page.getByLabel("New password").fill("a second try 43 fails");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("This reset link is invalid, used or expired. Ask for a new one.")).toBeVisible();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("a second try 43 fails");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();
  await page.context().close();
});

test("an address without an account gets the same answer, and nothing is mailed", async ({ browser, user }) => {
  const page = await fromAddressOfItsOwn(browser);
  const connectionsBefore = sink.connections();
  const nobody = uniqueEmail("nobody");
  await askForLink(page, nobody);
  await expect(page.getByRole("status")).toHaveText(ANSWER);
  const unknownAnswer = await page.locator("main").innerHTML();

  // A known address next: once its mail is in, the unknown one's look-up (done first) is long over.
  await askForLink(page, user.email);
  await expect(page.getByRole("status")).toHaveText(ANSWER);
  expect(await page.locator("main").innerHTML()).toBe(unknownAnswer);
  await linkMailedTo(user);
  expect(sink.mailsTo(nobody)).toEqual([]);
  expect(sink.connections()).toBe(connectionsBefore + 1);
  await page.context().close();
});

test("a failing mail server: the same answer, no error, and no link in any mail", async ({ browser, user }) => {
  const page = await fromAddressOfItsOwn(browser);
  sink.mode = "reject";
  const rejectedBefore = sink.rejected();
  await askForLink(page, user.email);
  await expect(page.getByRole("status")).toHaveText(ANSWER);
  await expect.poll(() => sink.rejected()).toBe(rejectedBefore + 1);
  expect(sink.mailsTo(user.email)).toEqual([]);
  // The page still works, and the next request (server back) mails a link.
  sink.mode = "accept";
  await askForLink(page, user.email);
  await expect(page.getByRole("status")).toHaveText(ANSWER);
  await linkMailedTo(user);
  await page.context().close();
});

test("one network asking again and again is told to wait; the field keeps what was typed", async ({ browser }) => {
  const page = await fromAddressOfItsOwn(browser);
  // 5 a minute per address; counted in clock minutes, so a run across a minute's end may need 5 more.
  let accepted = 0;
  for (;;) {
    const email = uniqueEmail("spray");
    await askForLink(page, email);
    const refused = page.getByText(/^Too many password reset requests\. Wait (a minute|\d+ minutes) and try again\.$/);
    await expect(page.getByRole("status").or(refused)).toBeVisible();
    if (await refused.isVisible()) {
      await expect(page.getByLabel("Email")).toHaveValue(email);
      break;
    }
    accepted++;
    expect(accepted, "never refused").toBeLessThanOrEqual(10);
  }
  expect(accepted).toBeGreaterThanOrEqual(5);
  await page.context().close();
});

test("an invalid address is explained next to the field", async ({ browser }) => {
  const page = await fromAddressOfItsOwn(browser);
  await askForLink(page, "not-an-address");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter a valid email address, like name@example.com.");
  await expect(page.getByRole("status")).toHaveCount(0);
  await page.context().close();
});
