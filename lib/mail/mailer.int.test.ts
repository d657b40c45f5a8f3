import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "@/e2e/fakes/smtp";
import { createMailer } from "./mailer";
import { passwordResetMail } from "./password-reset-mail";
import { mailFailureReason } from "./send-error";

// nodemailer against a real SMTP conversation (the test sink on 127.0.0.1).

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const link = `https://time.example.com/reset-password?token=${"x".repeat(43)}`;
const message = (to: string) => passwordResetMail({ to, link, instanceUrl: "https://time.example.com", validMinutes: 60 });

it("delivers the reset mail with its From, and the link survives the transfer encoding whole", async () => {
  sink.mode = "accept";
  await createMailer({ url: sink.url, from: "Stint <stint@time.example.com>", timeoutMs: 5000 }).send(message("ann@example.com"));
  const [mail] = sink.mailsTo("ann@example.com");
  expect(mail.from).toBe("stint@time.example.com");
  expect(mail.headers.get("from")).toBe("Stint <stint@time.example.com>");
  expect(mail.subject).toBe("Reset your Stint password");
  expect(mail.text.split("\n")).toContain(link);
  expect(mail.html).toContain(`href="${link}"`);
});

it("logs in with the URL's user name and password", async () => {
  sink.mode = "accept";
  await createMailer({ url: `smtp://mailer:s3cret@127.0.0.1:${sink.port}`, from: "stint@example.com", timeoutMs: 5000 }).send(message("ben@example.com"));
  expect(sink.logins()).toContain("mailer");
  expect(sink.mailsTo("ben@example.com")).toHaveLength(1);
});

it("a refusing server fails the send; the reason is one line with codes only, no password, no address", async () => {
  sink.mode = "reject";
  const error = await createMailer({ url: `smtp://mailer:s3cret@127.0.0.1:${sink.port}`, from: "stint@example.com", timeoutMs: 5000 })
    .send(message("cat@example.com"))
    .catch((e: unknown) => e);
  const reason = mailFailureReason(error);
  expect(reason).toBe("EENVELOPE, during MAIL FROM, server replied 451");
  expect(sink.mailsTo("cat@example.com")).toHaveLength(0);
});

it("an unreachable server fails the send, with a reason that names no secret", async () => {
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const error = await createMailer({ url: `smtp://mailer:s3cret@127.0.0.1:${port}`, from: "stint@example.com", timeoutMs: 5000 })
    .send(message("dan@example.com"))
    .catch((e: unknown) => e);
  const reason = mailFailureReason(error);
  expect(reason).toMatch(/^ECONNECTION|^ESOCKET/);
  expect(reason).not.toMatch(/s3cret|mailer|dan@/);
});

it("a server that never answers fails the send within the configured wait", async () => {
  const silent = net.createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
  const port = (silent.address() as net.AddressInfo).port;
  try {
    const error = await createMailer({ url: `smtp://127.0.0.1:${port}`, from: "stint@example.com", timeoutMs: 300 })
      .send(message("eve@example.com"))
      .catch((e: unknown) => e);
    expect(mailFailureReason(error)).toMatch(/^ETIMEDOUT/);
  } finally {
    silent.close();
  }
});
