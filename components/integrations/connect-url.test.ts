import { describe, expect, it } from "vitest";
import { connectUrl, reconnectUrl } from "./connect-url";

describe("connect and reconnect links", () => {
  it("reconnect carries the connection's answers to its provider's settings form, and nothing else", () => {
    const zoho = { id: 7, provider: "zoho-projects", settings: { dc: "eu", portalId: "20001", portalName: "Fake Works", userId: "99" } };
    expect(reconnectUrl(zoho, ["dc", "portalId"])).toBe("/api/integrations/zoho-projects/connect?dc=eu&portalId=20001&reconnect=7");
    const teamleader = { id: 8, provider: "teamleader", settings: { accountName: "Acme", userId: "u-1" } };
    expect(reconnectUrl(teamleader, [])).toBe("/api/integrations/teamleader/connect?reconnect=8");
  });

  it("leaves out empty and non-text values", () => {
    expect(connectUrl("zoho-projects", { dc: "us", portalId: "", extra: null, n: 3 })).toBe("/api/integrations/zoho-projects/connect?dc=us");
  });
});
