import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ENTRY_COLUMNS } from "@/lib/reports/export/params";
import { csvExportParams, useCsvExport } from "./csv-export";

describe("the CSV export choice", () => {
  beforeEach(() => useCsvExport.getState().reset());

  it("adds nothing to the link for the defaults, the columns and the BOM otherwise", () => {
    expect(csvExportParams(DEFAULT_ENTRY_COLUMNS, false)).toBe("");
    expect(csvExportParams(["date", "hours"], true)).toBe("&columns=date,hours&bom=true");
  });

  it("keeps the file's column order whatever order they were ticked in, and never drops the last column", () => {
    const s = useCsvExport.getState;
    s().toggle("rounded_amount");
    s().toggle("id");
    expect(s().columns.slice(0, 2)).toEqual(["id", "date"]);
    expect(s().columns.at(-2)).toBe("rounded_amount");
    for (const c of [...s().columns]) s().toggle(c);
    expect(s().columns).toEqual(["currency"]);
  });
});
