// A mail server for tests (SMTP on 127.0.0.1) that keeps what it receives. Usage:
//
//   const sink = await startSmtpSink();            // or { port } when a Stint server must know it up front
//   ... STINT_SMTP_URL=sink.url ...
//   await expect.poll(() => sink.mailsTo(email).length).toBe(1);
//   sink.mailsTo(email)[0].text                    // the decoded text part; .html, .subject, .headers, .raw
//   sink.mode = "reject";                          // a failing server: 451 at MAIL FROM
//   await sink.close();
export { startSmtpSink, type SinkMail, type SinkMode, type SmtpSink } from "./server";
export { parseMail, type ParsedMail } from "./mime";
