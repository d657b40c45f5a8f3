import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A webhook endpoint for tests and benches, the way a careful receiver is written: it verifies
// Stint-Signature with the endpoint's secret (HMAC-SHA256 of "<t>.<raw body>", compared in constant time)
// and refuses a timestamp outside the replay window, then records what arrived. Answers follow a plan the
// test sets (`plan(...)`): a status, a Retry-After, or no answer at all (a timeout); 200 when nothing is planned.
//
//   const receiver = await startWebhookReceiver({ port: 3250 });
//   receiver.setSecret("/a", secret);          // per path: one receiver serves several endpoints
//   receiver.plan({ status: 500 });            // the next request fails, the one after succeeds
//   await expect.poll(() => receiver.deliveries().length).toBe(2);
//   expect(receiver.rejected).toEqual([]);

export type ReceivedDelivery = {
  path: string;
  eventId: string;
  eventType: string;
  /** How many times this endpoint (path) had seen this event id, this one included. */
  attempt: number;
  timestamp: number;
  body: { id: string; type: string; created_at: string; workspace_id: number; data: Record<string, unknown> };
  headers: http.IncomingHttpHeaders;
  /** What the receiver answered. */
  answered: number | "no answer";
};

export type PlannedAnswer = { status: number; retryAfter?: string; body?: string } | { hang: true };

export type WebhookReceiver = {
  url(path?: string): string;
  port: number;
  /** Every request that passed the signature check, in arrival order. */
  deliveries(path?: string): ReceivedDelivery[];
  /** Requests refused (bad or missing signature, stale timestamp, unknown path), with why. */
  rejected: { path: string; reason: string }[];
  setSecret(path: string, secret: string): void;
  plan(...answers: PlannedAnswer[]): void;
  /** Distinct event ids received on a path (or all). */
  eventIds(path?: string): Set<string>;
  close(): Promise<void>;
};

const REPLAY_WINDOW_SECONDS = 5 * 60;

/** Checks a Stint-Signature header against the raw body: null when good, else why not. */
export function signatureProblem(header: string | undefined, rawBody: string, secret: string, now = Date.now()): string | null {
  if (!header) return "no Stint-Signature header";
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return `malformed Stint-Signature: ${header}`;
  if (Math.abs(now / 1000 - t) > REPLAY_WINDOW_SECONDS) return `timestamp ${t} outside the replay window`;
  const expected = crypto.createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return "signature does not match";
  return null;
}

export async function startWebhookReceiver(opts: { port?: number } = {}): Promise<WebhookReceiver> {
  const secrets = new Map<string, string>();
  const received: ReceivedDelivery[] = [];
  const rejected: { path: string; reason: string }[] = [];
  const planned: PlannedAnswer[] = [];
  const seen = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "/").split("?")[0];
      const secret = secrets.get(path);
      const problem = req.method !== "POST" ? `method ${req.method}` : secret === undefined ? "no secret for this path" : signatureProblem(req.headers["stint-signature"] as string | undefined, raw, secret);
      if (problem) {
        rejected.push({ path, reason: problem });
        res.writeHead(400).end(problem);
        return;
      }
      const body = JSON.parse(raw) as ReceivedDelivery["body"];
      const key = `${path} ${body.id}`;
      const attempt = (seen.get(key) ?? 0) + 1;
      seen.set(key, attempt);
      const answer = planned.shift() ?? { status: 200 };
      const t = Number(String(req.headers["stint-signature"]).match(/t=(\d+)/)![1]);
      received.push({
        path,
        eventId: String(req.headers["stint-event-id"]),
        eventType: String(req.headers["stint-event-type"]),
        attempt,
        timestamp: t,
        body,
        headers: req.headers,
        answered: "hang" in answer ? "no answer" : answer.status,
      });
      if ("hang" in answer) {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      res.writeHead(answer.status, { "Content-Type": "text/plain", ...(answer.retryAfter ? { "Retry-After": answer.retryAfter } : {}) });
      res.end(answer.body ?? (answer.status < 300 ? "ok" : `planned ${answer.status}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const byPath = (path?: string) => received.filter((d) => path === undefined || d.path === path);

  return {
    port,
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    deliveries: byPath,
    rejected,
    setSecret: (path, secret) => void secrets.set(path, secret),
    plan: (...answers) => void planned.push(...answers),
    eventIds: (path) => new Set(byPath(path).map((d) => d.eventId)),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
