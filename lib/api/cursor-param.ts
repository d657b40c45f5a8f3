import { z } from "zod";

// Apart from cursor.ts (which encodes with Buffer): the input schemas the pages share with the API import
// this, and importing cursor.ts put Node's Buffer polyfill (15 kB gzipped) in the browser's edit dialog.

export const CURSOR_MAX = 400;

/** The `cursor` query parameter as the schemas take it: checked for its form here, for its content by the service (cursor.ts). */
export const cursorParam = z.string({ error: "cursor must be text." }).trim().min(1, "cursor must not be empty.").max(CURSOR_MAX, "This cursor is not valid.");
