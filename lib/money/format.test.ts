import { afterEach, describe, expect, it, vi } from "vitest";
import { formatMoney, formatRate } from "./format";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("formatMoney", () => {
  it("writes the currency's symbol before the figure, with cents", () => {
    expect(formatMoney(180, "EUR")).toBe("€180.00");
    expect(formatMoney(80.5, "USD")).toBe("$80.50");
    expect(formatMoney(361.49, "GBP")).toBe("£361.49");
  });

  it("keeps a currency's own minor unit: no cents for JPY", () => {
    expect(formatMoney(1234.5, "JPY")).toBe("¥1,235");
    expect(formatMoney(1200, "JPY")).toBe("¥1,200");
  });

  it("writes a negative amount with its sign before the symbol", () => {
    expect(formatMoney(-50, "EUR")).toBe("-€50.00");
  });

  it("groups thousands and rounds to the cent", () => {
    expect(formatMoney(1234567.891, "EUR")).toBe("€1,234,567.89");
    expect(formatMoney(999999999999, "USD")).toBe("$999,999,999,999.00");
  });

  it("follows another locale when one is passed, one formatter per locale and currency", () => {
    expect(formatMoney(1234.5, "EUR", "de-DE")).toBe("1.234,50\u00a0€");
    // The default locale's formatter is not replaced by the German one.
    expect(formatMoney(1234.5, "EUR")).toBe("€1,234.50");
  });

  it("builds a formatter once per locale and currency, not once per amount", () => {
    const Real = Intl.NumberFormat;
    const built = vi.spyOn(Intl, "NumberFormat").mockImplementation(function (this: unknown, ...args: ConstructorParameters<typeof Real>) {
      return new Real(...args);
    } as unknown as typeof Real);
    for (let i = 0; i < 50; i++) formatMoney(i, "CHF", "fr-CH");
    expect(built).toHaveBeenCalledTimes(1);
    formatMoney(1, "CHF", "de-CH");
    expect(built).toHaveBeenCalledTimes(2);
  });

  it("still shows the figure for a code Intl rejects", () => {
    expect(formatMoney(1234.5, "E1")).toBe("1,234.50 E1");
  });
});

describe("formatRate", () => {
  it("is the amount per hour, or null without a rate", () => {
    expect(formatRate(85, "EUR")).toBe("€85.00/h");
    expect(formatRate(null, "EUR")).toBeNull();
    expect(formatRate(undefined, "USD")).toBeNull();
  });
});
