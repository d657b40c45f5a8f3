import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { startSmtpSink, type SmtpSink } from "@/e2e/fakes/smtp";
import { createTestDb, type TestDb } from "@/db/testing";
import { createMailer, type Mailer } from "@/lib/mail/mailer";
import { makeUser } from "@/lib/testing/users";
import { FORGOT_PASSWORD_LIMITS, mailPasswordReset, requestPasswordReset } from "./forgot-password";
import { resetPassword } from "./password-reset";
import { verifyCredentials } from "./service";

let t: TestDb;
let sink: SmtpSink;
let mailer: Mailer;
beforeAll(async () => {
  t = await createTestDb();
  sink = await startSmtpSink();
  mailer = createMailer({ url: sink.url, from: "Stint <stint@time.example.com>", timeoutMs: 5000 });
});
afterAll(async () => {
  await sink.close();
  await t.cleanup();
});
afterEach(() => {
  sink.mode = "accept";
  vi.restoreAllMocks();
});

const publicUrl = "https://time.example.com";
let addressCounter = 0;
const freshAddress = () => `192.0.2.${++addressCounter}`;

/** requestPasswordReset with its deliveries collected instead of run after the answer. */
async function request(email: string, clientAddress = freshAddress(), useMailer: Mailer | null = mailer, now?: Date) {
  const later: (() => Promise<unknown>)[] = [];
  await requestPasswordReset(t.db, useMailer, { email }, { clientAddress, publicUrl, later: (task) => later.push(task), now });
  return later;
}

it("a known address: the answer comes first; the delivery then mails a link that sets the password once", async () => {
  const user = await makeUser(t.db);
  const later = await request(user.email.toUpperCase());
  expect(later).toHaveLength(1);
  expect(sink.mailsTo(user.email)).toHaveLength(0); // nothing was sent while the request waited
  expect(await later[0]()).toBe("sent");

  const [mail] = sink.mailsTo(user.email);
  expect(mail.text).toContain(`the Stint account ${user.email} at ${publicUrl}`);
  const link = new URL(mail.text.split("\n").find((l) => l.startsWith(`${publicUrl}/reset-password?token=`))!);
  await resetPassword(t.db, { token: link.searchParams.get("token")!, password: "a brand new passphrase" });
  expect(await verifyCredentials(t.db, { email: user.email, password: "a brand new passphrase" })).toMatchObject({ id: user.id });
  await expect(resetPassword(t.db, { token: link.searchParams.get("token")!, password: "another new passphrase" })).rejects.toMatchObject({ code: "validation_error" });
});

it("an unknown address gets the same answer and schedules the same delivery, which mails nothing", async () => {
  const before = sink.connections();
  const later = await request("nobody-at-all@example.com");
  expect(later).toHaveLength(1);
  expect(await later[0]()).toBe("no-account");
  expect(sink.connections()).toBe(before);
});

it("the answer does not wait for the mail server", async () => {
  const user = await makeUser(t.db);
  const hanging: Mailer = { send: () => new Promise(() => {}) };
  const later = await request(user.email, freshAddress(), hanging);
  expect(later).toHaveLength(1);
});

it("a failing mail server: the delivery reports it and logs one line without the address, the link or the SMTP login", async () => {
  const user = await makeUser(t.db);
  const log = vi.spyOn(console, "error").mockImplementation(() => {});
  sink.mode = "reject";
  const failing = createMailer({ url: `smtp://stint:smtp-s3cret@127.0.0.1:${sink.port}`, from: "stint@example.com", timeoutMs: 5000 });
  expect(await mailPasswordReset(t.db, failing, user.email, { publicUrl })).toBe("failed");
  expect(log).toHaveBeenCalledTimes(1);
  const line = String(log.mock.calls[0][0]);
  expect(line).toBe("Password reset mail not sent: EENVELOPE, during MAIL FROM, server replied 451");
  expect(line).not.toContain("\n");
});

// The limits count in clock minutes: one instant for a whole sequence, so it never straddles two.
const oneInstant = () => new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);

it("limits requests per client address, whatever the addresses asked for", async () => {
  const from = freshAddress();
  const now = oneInstant();
  for (let n = 0; n < FORGOT_PASSWORD_LIMITS.perAddress.perMinute; n++) await request(`someone-${n}@example.com`, from, mailer, now);
  await expect(request("one-more@example.com", from, mailer, now)).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many password reset requests\. Wait/) });
  // Another network is not held back.
  expect(await request("one-more@example.com", freshAddress(), mailer, now)).toHaveLength(1);
});

it("limits requests per email address, from however many networks, known or not alike", async () => {
  const user = await makeUser(t.db);
  const now = oneInstant();
  for (const email of [user.email, "never-registered@example.com"]) {
    for (let n = 0; n < FORGOT_PASSWORD_LIMITS.perEmail.perMinute; n++) await request(email, freshAddress(), mailer, now);
    await expect(request(email, freshAddress(), mailer, now)).rejects.toMatchObject({ code: "rate_limited" });
  }
});

it("refuses an invalid address as a field error, and without SMTP settings says whom to ask", async () => {
  await expect(request("not an email")).rejects.toMatchObject({ code: "validation_error", details: { fields: { email: [expect.any(String)] } } });
  await expect(request("ann@example.com", freshAddress(), null)).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("stint user reset-password") });
});
