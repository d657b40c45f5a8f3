import { describe, expect, it } from "vitest";
import { normalizeAddress } from "./client-address";

describe("normalizeAddress", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6, groups IPv6 by /64, refuses anything else", () => {
    expect(normalizeAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    for (const bad of ["", "unknown", "1.2.3", "203.0.113.7:8080", "evil, 1.2.3.4"]) expect(normalizeAddress(bad)).toBeNull();
  });
});
