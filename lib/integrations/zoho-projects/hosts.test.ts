import { describe, expect, it } from "vitest";
import { apiUrlForAccountsServer, baseUrlsFor, dcForAccountsServer, hostsForDc, parseZohoDc, ZOHO_DCS } from "./hosts";
import { zohoConnectSettingsSchema, zohoSettingsSchema } from "./settings";

describe("Zoho data centres", () => {
  it("knows each DC's accounts and Projects API hosts", () => {
    expect(hostsForDc("us")).toEqual({ accounts: "https://accounts.zoho.com", api: "https://projectsapi.zoho.com" });
    expect(hostsForDc("eu")).toEqual({ accounts: "https://accounts.zoho.eu", api: "https://projectsapi.zoho.eu" });
    expect(hostsForDc("in")).toEqual({ accounts: "https://accounts.zoho.in", api: "https://projectsapi.zoho.in" });
    expect(hostsForDc("au")).toEqual({ accounts: "https://accounts.zoho.com.au", api: "https://projectsapi.zoho.com.au" });
    expect(hostsForDc("jp")).toEqual({ accounts: "https://accounts.zoho.jp", api: "https://projectsapi.zoho.jp" });
  });

  it("maps a redirect's accounts-server to the Projects API by replacing accounts.", () => {
    expect(apiUrlForAccountsServer("https://accounts.zoho.com.au")).toBe("https://projectsapi.zoho.com.au");
    expect(apiUrlForAccountsServer("https://accounts.zoho.eu/")).toBe("https://projectsapi.zoho.eu");
    expect(() => apiUrlForAccountsServer("https://evil.example")).toThrow(RangeError);
  });

  it("recognises only the known accounts servers", () => {
    for (const dc of ZOHO_DCS) expect(dcForAccountsServer(hostsForDc(dc).accounts)).toBe(dc);
    expect(dcForAccountsServer("https://accounts.zoho.eu/")).toBe("eu");
    expect(dcForAccountsServer("https://accounts.zoho.eu.evil.example")).toBeNull();
    expect(dcForAccountsServer("http://accounts.zoho.eu")).toBeNull();
    expect(dcForAccountsServer("not a url")).toBeNull();
  });

  it("base URLs come from the DC unless overridden (tests, proxies)", () => {
    expect(baseUrlsFor({ dc: "eu" }).api).toBe("https://projectsapi.zoho.eu");
    expect(baseUrlsFor({})).toEqual(hostsForDc("us"));
    expect(baseUrlsFor({ dc: "eu", baseUrls: { accounts: "http://127.0.0.1:9/", api: "http://127.0.0.1:9" } })).toEqual({
      accounts: "http://127.0.0.1:9",
      api: "http://127.0.0.1:9",
    });
  });
});

describe("settings", () => {
  it("defaults the DC and the portal zone, and rejects a zone that is not IANA", () => {
    expect(zohoSettingsSchema.parse({ portalId: "1752587000000012345" })).toEqual({
      dc: "us",
      portalId: "1752587000000012345",
      portalName: "",
      portalTimeZone: "UTC",
    });
    expect(zohoSettingsSchema.safeParse({ portalId: "1", portalTimeZone: "Mars/Olympus" }).success).toBe(false);
    expect(zohoSettingsSchema.safeParse({ portalId: "1", dc: "cn" }).success).toBe(false);
    expect(zohoSettingsSchema.safeParse({ portalId: "abc" }).success).toBe(false);
  });

  it("reads the DC in the spellings people meet: Stint's names, the README's domains, Zoho's hosts", () => {
    const cases: [string, string | null][] = [
      ["us", "us"], ["com", "us"], [".com", "us"], ["zoho.com", "us"], ["https://accounts.zoho.com/", "us"], [" .COM ", "us"],
      ["eu", "eu"], [".eu", "eu"], ["EU", "eu"], ["zoho.eu", "eu"],
      ["in", "in"], [".in", "in"], ["au", "au"], [".com.au", "au"], ["com.au", "au"], ["accounts.zoho.com.au", "au"], ["jp", "jp"], [".jp", "jp"],
      ["", null], [".de", null], ["com.eu", null], ["zoho", null], ["accounts.evil.example", null], ["constructor", null], ["__proto__", null],
    ];
    for (const [text, dc] of cases) expect(parseZohoDc(text), text).toBe(dc);
    expect(parseZohoDc(1)).toBeNull();
  });

  it("connect settings: the DC normalised, a wrong one a field error (before anything is sent to Zoho)", () => {
    expect(zohoConnectSettingsSchema.parse({ dc: ".com", portalId: 123 })).toEqual({ dc: "us", portalId: "123" });
    expect(zohoConnectSettingsSchema.parse({})).toEqual({});
    const wrong = zohoConnectSettingsSchema.safeParse({ dc: ".de" });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({ path: ["dc"], message: "Use a Zoho data centre: us (.com), eu (.eu), in (.in), au (.com.au) or jp (.jp)." });
    // Saved settings read the old spellings too.
    expect(zohoSettingsSchema.parse({ dc: ".eu", portalId: "1" }).dc).toBe("eu");
  });
});
