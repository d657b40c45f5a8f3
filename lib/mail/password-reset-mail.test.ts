import { expect, it } from "vitest";
import { passwordResetMail } from "./password-reset-mail";

const link = "https://time.example.com/reset-password?token=abc_DEF-123";

it("names the instance, the account and the 1-hour validity, and carries the whole link in both parts", () => {
  const mail = passwordResetMail({ to: "ann@example.com", link, instanceUrl: "https://time.example.com", validMinutes: 60 });
  expect(mail.to).toBe("ann@example.com");
  expect(mail.subject).toBe("Reset your Stint password");
  expect(mail.text).toContain("the Stint account ann@example.com at https://time.example.com");
  expect(mail.text).toContain("It works once, for 1 hour");
  expect(mail.text.split("\n")).toContain(link);
  expect(mail.html).toContain(`<a href="${link}">Set a new password</a>`);
  expect(mail.html).toContain("for 1 hour");
});

it("escapes what it puts into HTML", () => {
  const mail = passwordResetMail({ to: "a<b>@example.com", link: `${link}&x="y"`, instanceUrl: "https://t.example.com", validMinutes: 30 });
  expect(mail.html).not.toContain("<b>");
  expect(mail.html).toContain("a&#60;b&#62;@example.com");
  expect(mail.html).toContain('href="https://time.example.com/reset-password?token=abc_DEF-123&#38;x=&#34;y&#34;"');
  expect(mail.text).toContain("for 30 minutes");
});
