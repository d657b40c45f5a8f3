import { describe, expect, it } from "vitest";
import { apiUrlForAccountsServer, baseUrlsFor, dcForAccountsServer, hostsForDc, ZOHO_DCS } from "./hosts";
import { zohoSettingsSchema } from "./settings";

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
});
