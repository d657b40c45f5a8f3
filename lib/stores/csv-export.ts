"use client";

import { create } from "zustand";
import { persist } from "zustand/middleware";
import { DEFAULT_ENTRY_COLUMNS, ENTRY_COLUMNS, type EntryColumn } from "@/lib/reports/export/params";

type CsvExport = {
  /** The entries CSV's columns, in the file's order (ENTRY_COLUMNS'). */
  columns: EntryColumn[];
  /** A UTF-8 byte order mark, so Excel opens accents right. */
  bom: boolean;
  toggle(column: EntryColumn): void;
  setBom(bom: boolean): void;
  reset(): void;
};

const ordered = (cs: EntryColumn[]) => ENTRY_COLUMNS.filter((c) => cs.includes(c));

/** How this browser last exported a CSV: an accountant who picks their columns once keeps them. */
export const useCsvExport = create<CsvExport>()(
  persist(
    (set, get) => ({
      columns: [...DEFAULT_ENTRY_COLUMNS],
      bom: false,
      toggle: (column) => {
        const cs = get().columns;
        const next = cs.includes(column) ? cs.filter((c) => c !== column) : [...cs, column];
        // A file with no column is not an export: the last one stays.
        if (next.length) set({ columns: ordered(next) });
      },
      setBom: (bom) => set({ bom }),
      reset: () => set({ columns: [...DEFAULT_ENTRY_COLUMNS], bom: false }),
    }),
    {
      name: "stint-csv-export",
      // Columns a later version no longer knows are dropped rather than sent (the API would refuse them).
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<CsvExport>;
        const columns = ordered((s.columns ?? []).filter((c): c is EntryColumn => (ENTRY_COLUMNS as readonly string[]).includes(c)));
        return { ...current, bom: s.bom === true, columns: columns.length ? columns : current.columns };
      },
    },
  ),
);

/** The query string's export part for the entries CSV: nothing for the defaults, so the URL stays short. */
export function csvExportParams(columns: readonly EntryColumn[], bom: boolean): string {
  const same = columns.length === DEFAULT_ENTRY_COLUMNS.length && columns.every((c, i) => c === DEFAULT_ENTRY_COLUMNS[i]);
  return [same ? "" : `&columns=${columns.join(",")}`, bom ? "&bom=true" : ""].join("");
}
