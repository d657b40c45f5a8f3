import crypto from "node:crypto";
import http from "node:http";
import net from "node:net";
import { env } from "@/lib/env";

// Next.js does not tell route handlers, server actions or next-auth who is connected: NextRequest.ip
// is gone since Next 15, and `next start` fills X-Forwarded-For from the socket only when the client
// sent none (base-server.ts: `x-forwarded-for ??= socket.remoteAddress`), so that header is whatever
// the client says. A header set in proxy.ts would be no better: proxy.ts does not see the socket either.
// The socket is only visible at Node's http layer, so every request is stamped there, before Next reads
// it, with its peer address under a header name drawn at random per process: no client can send that
// header, and a request that missed the stamp (one that arrived while the server was starting) has
// none and counts as "unknown" instead of claiming an address.

const state = globalThis as unknown as { __stintPeerHeader?: string };

/** Called once at start-up (instrumentation.ts), before requests are served. */
export function stampClientAddresses(): void {
  if (state.__stintPeerHeader) return;
  const header = `x-stint-peer-${crypto.randomBytes(12).toString("hex")}`;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[header] = request.socket?.remoteAddress ?? "";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  state.__stintPeerHeader = header;
}

/**
 * Who is asking, for per-address limits: the socket's peer, or with STINT_TRUST_PROXY=1 the last
 * X-Forwarded-For entry (the one the proxy in front of Stint appended; earlier ones are the client's
 * say). IPv6 addresses count per /64, the block one subscriber usually gets.
 */
export function clientAddress(headers: Headers): string {
  if (env().STINT_TRUST_PROXY === "1") {
    const forwarded = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
    const address = forwarded && normalizeAddress(forwarded);
    if (address) return address;
  }
  const peer = state.__stintPeerHeader ? headers.get(state.__stintPeerHeader) : null;
  return (peer && normalizeAddress(peer)) || "unknown";
}

export function normalizeAddress(raw: string): string | null {
  const address = raw.replace(/%.*$/, "").replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const kind = net.isIP(address);
  if (kind === 4) return address;
  if (kind !== 6) return null;
  const [head, tail] = address.split("::");
  const front = head ? head.split(":") : [];
  const back = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups = tail === undefined ? front : [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
