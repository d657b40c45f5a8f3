import net from "node:net";
import { parseMail, type ParsedMail } from "./mime";

// A mail server for tests, on 127.0.0.1: plain TCP speaking enough SMTP for nodemailer (EHLO, AUTH PLAIN,
// MAIL, RCPT, DATA, RSET, NOOP, QUIT). It keeps what it receives instead of delivering it.

export type SinkMail = ParsedMail & { from: string; to: string[]; raw: string };
/** "accept" keeps mails; "reject" refuses each at MAIL FROM with a temporary error (a failing server). */
export type SinkMode = "accept" | "reject";

export type SmtpSink = {
  url: string;
  port: number;
  mode: SinkMode;
  /** Mails received, oldest first. */
  mails(): SinkMail[];
  mailsTo(address: string): SinkMail[];
  /** TCP connections opened so far (a mail not even attempted opens none). */
  connections(): number;
  /** Transactions refused in "reject" mode. */
  rejected(): number;
  /** The user names that authenticated (AUTH PLAIN). */
  logins(): string[];
  close(): Promise<void>;
};

const address = (arg: string) => /<([^>]*)>/.exec(arg)?.[1] ?? arg.trim();

export async function startSmtpSink(opts: { port?: number } = {}): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  const logins: string[] = [];
  let connections = 0;
  let rejected = 0;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.setEncoding("latin1");
    const reply = (line: string) => socket.write(`${line}\r\n`);
    let buffer = "";
    let inData = false;
    let envelope: { from: string; to: string[] } = { from: "", to: [] };

    const command = (line: string) => {
      const [verb, ...rest] = line.split(" ");
      const arg = rest.join(" ");
      switch (verb.toUpperCase()) {
        case "EHLO":
          return reply("250-sink.test\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SIZE 10485760");
        case "HELO":
          return reply("250 sink.test");
        case "AUTH": {
          const [method, initial] = arg.split(" ");
          if (method.toUpperCase() !== "PLAIN" || !initial) return reply("504 5.5.4 Only AUTH PLAIN with an initial response");
          logins.push(Buffer.from(initial, "base64").toString("utf8").split("\u0000")[1] ?? "");
          return reply("235 2.7.0 Authentication successful");
        }
        case "MAIL":
          if (sink.mode === "reject") {
            rejected++;
            return reply("451 4.3.0 Mail server temporarily unavailable");
          }
          envelope = { from: address(arg.replace(/^FROM:/i, "")), to: [] };
          return reply("250 2.1.0 OK");
        case "RCPT":
          envelope.to.push(address(arg.replace(/^TO:/i, "")));
          return reply("250 2.1.5 OK");
        case "DATA":
          inData = true;
          return reply("354 End data with <CR><LF>.<CR><LF>");
        case "RSET":
          envelope = { from: "", to: [] };
          return reply("250 2.0.0 OK");
        case "NOOP":
          return reply("250 2.0.0 OK");
        case "QUIT":
          reply("221 2.0.0 Bye");
          return socket.end();
        default:
          return reply("502 5.5.2 Command not implemented");
      }
    };

    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          // Undo dot-stuffing. Read as latin1, one character per byte: parseMail decodes the UTF-8.
          const raw = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push({ ...parseMail(raw), ...envelope, raw });
          envelope = { from: "", to: [] };
          reply("250 2.0.0 Queued");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        command(line);
      }
    });
    reply("220 sink.test ESMTP test sink");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mode: "accept",
    mails: () => [...mails],
    mailsTo: (to) => mails.filter((m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase())),
    connections: () => connections,
    rejected: () => rejected,
    logins: () => [...logins],
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return sink;
}
