import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isPrivateAddress } from "./private-address";

// fetch for URLs a person gave (a webhook, a practice's own API): the connection may only reach public
// addresses. The check runs where the socket connects (the request's own DNS lookup), so a name that
// resolves to a public address for a check and a private one for the request (DNS rebinding) is still
// refused; IP literals are checked before; every redirect is followed by hand and checked the same way.

export class BlockedAddressError extends Error {
  constructor(readonly host: string) {
    super(`${host} is a private, loopback or link-local address: Stint does not send requests there (STINT_ALLOW_PRIVATE_URLS=1 allows it).`);
    this.name = "BlockedAddressError";
  }
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export type SafeFetchOptions = {
  /** Allow private addresses (STINT_ALLOW_PRIVATE_URLS=1: tests, LAN set-ups). */
  allowPrivate?: boolean;
  /** Redirects followed (each target checked); 0 returns the redirect itself. */
  maxRedirects?: number;
  /** DNS resolution (all addresses of a name); the system resolver by default. */
  lookup?: LookupAll;
  /** Sends one request to an already checked URL; by default over node:http(s) with the checking lookup. */
  send?: (url: URL, init: RequestInit, lookup: net.LookupFunction | undefined) => Promise<Response>;
};

const systemLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** A lookup for node:net that refuses a name when any of its addresses is private. */
function checkingLookup(resolve: LookupAll): net.LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (addresses) => {
        if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }));
        if (addresses.some((a) => isPrivateAddress(a.address))) return callback(new BlockedAddressError(hostname));
        if (options?.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error) => callback(error),
    );
  }) as net.LookupFunction;
}

function bodyOf(body: RequestInit["body"]): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("safeFetch sends string, URLSearchParams or byte bodies only.");
}

/** One request over node:http(s): the body read whole, as a fetch Response. */
const sendOverNode: NonNullable<SafeFetchOptions["send"]> = (url, init, lookup) =>
  new Promise((resolve, reject) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = bodyOf(init.body);
    // What fetch adds by itself: a length (no chunked uploads) and a type for form and text bodies.
    if (body !== undefined) {
      headers["content-length"] ??= String(Buffer.byteLength(body));
      headers["content-type"] ??= init.body instanceof URLSearchParams ? "application/x-www-form-urlencoded;charset=UTF-8" : typeof body === "string" ? "text/plain;charset=UTF-8" : "application/octet-stream";
    }
    const request = (url.protocol === "https:" ? https : http).request(url, { method: init.method ?? "GET", headers, lookup }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
        const status = res.statusCode ?? 502;
        resolve(new Response([101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: out }));
      });
    });
    request.on("error", reject);
    const signal = init.signal;
    if (signal) {
      if (signal.aborted) request.destroy(new Error("aborted"));
      else signal.addEventListener("abort", () => request.destroy(new Error("aborted")), { once: true });
    }
    request.end(body);
  });

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Checks a URL before any byte is sent: http(s) only, and an IP literal host must be public. */
function checkedUrl(raw: string | URL, allowPrivate: boolean): URL {
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BlockedAddressError(url.protocol);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && net.isIP(host) && isPrivateAddress(host)) throw new BlockedAddressError(host);
  return url;
}

/** fetch that reaches only public addresses (unless allowed), checked on every redirect. */
export async function safeFetch(input: string | URL, init: RequestInit = {}, opts: SafeFetchOptions = {}): Promise<Response> {
  const allowPrivate = opts.allowPrivate ?? false;
  const lookup = allowPrivate ? undefined : checkingLookup(opts.lookup ?? systemLookup);
  const send = opts.send ?? sendOverNode;
  let url = checkedUrl(input, allowPrivate);
  let current: RequestInit = { ...init, redirect: "manual" };
  for (let hop = 0; ; hop++) {
    if (!allowPrivate && opts.send && !net.isIP(url.hostname.replace(/^\[|\]$/g, ""))) {
      // An injected sender does its own connecting: check the name's addresses here.
      const addresses = await (opts.lookup ?? systemLookup)(url.hostname);
      if (addresses.some((a) => isPrivateAddress(a.address))) throw new BlockedAddressError(url.hostname);
    }
    const response = await send(url, current, lookup);
    const location = response.headers.get("location");
    if (!REDIRECTS.has(response.status) || !location || hop >= (opts.maxRedirects ?? 3)) return response;
    url = checkedUrl(new URL(location, url), allowPrivate);
    // 303 (and 301/302 after a POST, as browsers do) continue as a GET without a body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && (current.method ?? "GET").toUpperCase() === "POST")) {
      current = { ...current, method: "GET", body: undefined };
    }
  }
}
