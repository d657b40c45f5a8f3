import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress } from "./private-address";
import { BlockedAddressError, safeFetch, type SafeFetchOptions } from "./safe-fetch";

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["255.255.255.255", true],
    ["8.8.8.8", false],
    ["93.184.215.14", false],
    ["::1", true],
    ["::", true],
    ["[::1]", true],
    ["fe80::1", true],
    ["fe80::1%eth0", true],
    ["fc00::1", true],
    ["fd12:3456::1", true],
    ["ff02::1", true],
    ["2606:4700:4700::1111", false],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["::ffff:a9fe:a9fe", true],
    ["::ffff:8.8.8.8", false],
    ["::127.0.0.1", true],
    ["64:ff9b::a9fe:a9fe", true],
    ["64:ff9b::808:808", false],
    ["2002:7f00:1::", true],
    ["2002:808:808::1", false],
    ["localhost", true],
    ["not an address", true],
  ])("%s → %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe("safeFetch", () => {
  let server: http.Server;
  let base: string;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      if (req.url === "/to-metadata") {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
        return;
      }
      if (req.url === "/to-ok") {
        res.writeHead(307, { location: "/ok" }).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end(`hello ${req.method} ${req.url}`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BlockedAddressError);
    return error as BlockedAddressError;
  };

  it("refuses loopback, IPv6 loopback and mapped literals before sending anything", async () => {
    const before = hits.length;
    await refusal(safeFetch(`${base}/ok`));
    const port = new URL(base).port;
    await refusal(safeFetch(`http://[::1]:${port}/ok`));
    await refusal(safeFetch(`http://[::ffff:127.0.0.1]:${port}/ok`));
    await refusal(safeFetch("http://169.254.169.254/latest/meta-data"));
    await refusal(safeFetch("file:///etc/passwd"));
    expect(hits.length).toBe(before);
  });

  it("refuses a name whose DNS answer is private, or has one private address among public ones", async () => {
    const port = new URL(base).port;
    const before = hits.length;
    const privateDns: SafeFetchOptions = { lookup: async () => [{ address: "127.0.0.1", family: 4 }] };
    const e = await refusal(safeFetch(`http://internal.example:${port}/ok`, {}, privateDns));
    expect(e.message).toContain("internal.example");
    const mixed: SafeFetchOptions = {
      lookup: async () => [
        { address: "93.184.215.14", family: 4 },
        { address: "::ffff:10.0.0.7", family: 6 },
      ],
    };
    await refusal(safeFetch(`http://mixed.example:${port}/ok`, {}, mixed));
    expect(hits.length).toBe(before);
  });

  it("checks every redirect: a public server that redirects to a private address is not followed there", async () => {
    const sent: string[] = [];
    const send: SafeFetchOptions["send"] = async (url) => {
      sent.push(url.href);
      if (url.hostname === "93.184.215.14") return new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } });
      if (url.hostname === "hop.example") return new Response(null, { status: 301, headers: { location: "http://inside.example/admin" } });
      return new Response("reached", { status: 200 });
    };
    await refusal(safeFetch("http://93.184.215.14/hook", { method: "POST", body: "{}" }, { send }));
    const lookup: SafeFetchOptions["lookup"] = async (host) => [{ address: host === "inside.example" ? "192.168.0.10" : "93.184.215.14", family: 4 }];
    await refusal(safeFetch("http://hop.example/", {}, { send, lookup }));
    expect(sent).toEqual(["http://93.184.215.14/hook", "http://hop.example/"]);
    // With no redirects allowed, the redirect itself is the answer.
    expect((await safeFetch("http://93.184.215.14/hook", {}, { send, maxRedirects: 0 })).status).toBe(302);
  });

  it("with allowPrivate (STINT_ALLOW_PRIVATE_URLS=1) reaches a local server and follows its redirects", async () => {
    const res = await safeFetch(`${base}/to-ok`, { method: "POST", body: "x" }, { allowPrivate: true });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("hello POST /ok");
    const refused = await safeFetch(`${base}/to-metadata`, {}, { allowPrivate: true, maxRedirects: 0 });
    expect(refused.headers.get("location")).toBe("http://169.254.169.254/latest/meta-data");
  });
});
