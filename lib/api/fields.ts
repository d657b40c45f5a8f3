import { z } from "zod";

// Field schemas shared by the domain input schemas (and so by forms, the API and the OpenAPI document).

/** The largest id the database holds (ids are 32-bit integers); a larger one must be refused, not sent to SQL. */
export const MAX_ID = 2_147_483_647;

const NUMERIC_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?\s*$/i;

/**
 * A number sent as a JSON number or as numeric text (query strings, form fields). Unlike z.coerce, which
 * reads true as 1, [5] as 5 and "" or null as 0, anything else is left for `schema` to refuse.
 */
export const numeric = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && NUMERIC_TEXT.test(v) ? Number(v) : v), schema);

/** An id: a positive whole number that fits the database's ids. */
export const id = (error = "Must be an id (a positive whole number).") => numeric(z.number({ error }).int(error).positive(error).max(MAX_ID, error));

/** An optional reference by id: a positive integer, or null to clear it. */
export const idRef = z.union([id(), z.null()], { error: "Must be an id (a positive whole number) or null." });

export const trimmed = (label: string, max: number) =>
  z.string({ error: `${label} must be text.` }).trim().max(max, `${label}: use at most ${max} characters.`);

export const requiredName = (label: string, max = 200) => trimmed(label, max).min(1, `${label} cannot be empty.`);

export const optionalText = (label: string, max: number) =>
  z
    .union([trimmed(label, max), z.null()])
    .transform((v) => (v === "" ? null : v))
    .optional();

/** A non-negative amount; `max` is what the column holds (numeric(12,2) for rates, numeric(10,2) for hours). */
export const money = (label: string, max = 9_999_999_999) =>
  z
    .union([numeric(z.number({ error: `${label} must be a number.` }).min(0, `${label} cannot be negative.`).max(max, `${label}: at most ${max}.`)), z.null()], {
      error: `${label} must be a number.`,
    })
    .optional();

export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #4f46e5.");

/** A flag as JSON boolean or as the query-string words true/false/1/0. */
export const flag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")], {
  error: "Must be true or false.",
});
