import { describe, expect, it } from "vitest";
import { retryAfterMs } from "@/lib/delivery/backoff";
import { parseZohoJson } from "./client";

describe("parseZohoJson", () => {
  it("keeps ids beyond 2^53 exact, as strings", () => {
    const parsed = parseZohoJson('{"id":1752587000000012345,"task":{"id": 1752587000000099999,"name":"x"},"n":12,"f":-1.5e3,"small":9007199254740991}');
    expect(parsed).toEqual({ id: "1752587000000012345", task: { id: "1752587000000099999", name: "x" }, n: 12, f: -1500, small: 9007199254740991 });
  });

  it("leaves numbers inside strings alone", () => {
    expect(parseZohoJson('{"notes":"ticket 1752587000000012345, \\"quoted\\" 1752587000000012345"}')).toEqual({
      notes: 'ticket 1752587000000012345, "quoted" 1752587000000012345',
    });
  });

  it("returns undefined for text that is not a JSON object", () => {
    expect(parseZohoJson("<html>")).toBeUndefined();
    expect(parseZohoJson("[1]")).toBeUndefined();
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterMs(new Response(null, { headers: { "Retry-After": "120" } }))).toBe(120_000);
    const now = Date.parse("2025-06-10T08:00:00Z");
    expect(retryAfterMs(new Response(null, { headers: { "Retry-After": "Tue, 10 Jun 2025 08:01:00 GMT" } }), now)).toBe(60_000);
    expect(retryAfterMs(new Response(null))).toBeUndefined();
  });
});
