import { z } from "zod";

// Field schemas shared by the domain input schemas (and so by forms, the API and the OpenAPI document).

/** An optional reference by id: a positive integer, or null to clear it. */
export const idRef = z.union([z.coerce.number().int().positive().max(2_147_483_647), z.null()], { error: "Must be an id (a positive whole number) or null." });

export const trimmed = (label: string, max: number) =>
  z.string({ error: `${label} must be text.` }).trim().max(max, `${label}: use at most ${max} characters.`);

export const requiredName = (label: string, max = 200) => trimmed(label, max).min(1, `${label} cannot be empty.`);

export const optionalText = (label: string, max: number) =>
  z
    .union([trimmed(label, max), z.null()])
    .transform((v) => (v === "" ? null : v))
    .optional();

export const money = (label: string) =>
  z.union([z.coerce.number({ error: `${label} must be a number.` }).min(0, `${label} cannot be negative.`).max(9_999_999_999), z.null()]).optional();

export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #4f46e5.");

/** A flag as JSON boolean or as the query-string words true/false/1/0. */
export const flag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")], {
  error: "Must be true or false.",
});
