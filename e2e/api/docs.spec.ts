import type { Page } from "@playwright/test";
import { expect, newActor, ops, test } from "./api-fixtures";

/** Swagger UI has loaded and read the document (a 1.5 MB script: on a busy machine this takes a while). */
async function swaggerReady(page: Page) {
  await page.waitForFunction(() => (window as unknown as { ui?: { specSelectors: { specJson(): { get(k: string): unknown } } } }).ui?.specSelectors.specJson().get("paths") !== undefined);
}

// The one test of the API suite with a browser: Swagger UI at /api/docs renders the generated document
// and its "Try it out" calls the API with the token given to "Authorize".
test("/api/docs renders, and Try it out calls the API with an authorized token", async ({ page }) => {
  const alice = await newActor("docs");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/api/docs");
  await swaggerReady(page);
  await expect(page.getByRole("heading", { name: /Stint API/ })).toBeVisible();
  await expect(page.locator(".opblock-tag-section")).toHaveCount(new Set(Object.values(ops).map((op) => op.tag)).size);

  await page.getByRole("button", { name: "Authorize" }).first().click();
  const dialog = page.locator(".modal-ux");
  const bearer = dialog.locator(".auth-container").filter({ hasText: "bearerAuth" });
  await bearer.getByRole("textbox").fill(alice.token);
  await bearer.getByRole("button", { name: "Apply credentials" }).click();
  await expect(bearer.getByText("Authorized", { exact: true })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).first().click();

  const me = page.locator("#operations-Users-me");
  await me.locator(".opblock-summary").click();
  const tryIt = me.getByRole("button", { name: "Try it out" });
  if (await tryIt.isVisible()) await tryIt.click();
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/users/me") && r.request().method() === "GET");
  await me.getByRole("button", { name: "Execute" }).click();
  const response = await answer;
  expect(response.status()).toBe(200);
  expect(response.request().headers().authorization).toBe(`Bearer ${alice.token}`);
  const live = me.locator(".live-responses-table tbody");
  await expect(live.locator(".response-col_status").first()).toHaveText("200");
  await expect(live.locator(".response-col_description").first()).toContainText(`"email": "${alice.email}"`);
  expect(errors).toEqual([]);
});

type Sample = { where: string; sample: unknown };

/** Every value of a sample with the key it sits under (array items under their array's key). */
function leaves(value: unknown, key = ""): { key: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, key));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, k));
  return [{ key, value }];
}

// Swagger UI makes up the "Example Value" of each schema; it showed ids of -9007199254740991 and dates in
// the year 3646. Its own sample generator, run over every parameter, body and answer of the document:
test("the docs' examples show realistic ids and dates", async ({ page }) => {
  await page.goto("/api/docs");
  await swaggerReady(page);
  const samples: Sample[] = await page.evaluate(() => {
    type Schema = Record<string, unknown>;
    const ui = (window as unknown as { ui: { fn: { getSampleSchema(s: Schema, type: string, config: object): string }; specSelectors: { specJson(): { toJS(): { paths: Record<string, Record<string, Schema>> } } } } }).ui;
    const sample = (schema: Schema) => {
      const text = ui.fn.getSampleSchema(schema, "application/json", { includeReadOnly: true, includeWriteOnly: true });
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    };
    // The generator itself: zod's bare .int() bounds are what made the absurd ids.
    const out: Sample[] = [{ where: "control", sample: { control_id: sample({ type: "integer", minimum: -9007199254740991, maximum: 9007199254740991 }) } }];
    for (const [path, methods] of Object.entries(ui.specSelectors.specJson().toJS().paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const p of (op.parameters as { name: string; schema: Schema }[]) ?? []) out.push({ where: `${where} ?${p.name}`, sample: { [p.name]: sample(p.schema) } });
        const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.["application/json"]?.schema;
        if (body) out.push({ where: `${where} body`, sample: sample(body) });
        for (const [code, r] of Object.entries(op.responses as Record<string, { content?: Record<string, { schema: Schema }> }>)) {
          const schema = r.content?.["application/json"]?.schema;
          if (schema && !("$ref" in schema)) out.push({ where: `${where} ${code}`, sample: sample(schema) });
        }
      }
    }
    return out;
  });
  expect(samples.length).toBeGreaterThan(100);
  const problems: string[] = [];
  let ids = 0;
  let dates = 0;
  for (const { where, sample } of samples) {
    for (const { key, value } of leaves(sample)) {
      if (typeof value === "number") {
        if (key === "id" || key.endsWith("_id")) {
          ids++;
          if (!(Number.isInteger(value) && value >= 1 && value <= 1_000_000)) problems.push(`${where}: ${key} = ${value}`);
        } else if (value < 0 || value > 1e9) problems.push(`${where}: ${key} = ${value}`);
      }
      if (typeof value === "string" && /^\d{4}-\d\d-\d\d/.test(value)) {
        dates++;
        const year = Number(value.slice(0, 4));
        if (year < 2000 || year > 2100) problems.push(`${where}: ${key} = ${value}`);
      }
    }
  }
  expect(problems).toEqual(["control: control_id = -9007199254740991"]);
  expect(ids).toBeGreaterThan(50);
  expect(dates).toBeGreaterThan(50);

  // And as a reader sees it: one project's answer in the page.
  const op = page.locator("#operations-Projects-getProject");
  await op.locator(".opblock-summary").click();
  const example = op.locator(".responses-wrapper .microlight").first();
  await expect(example).toContainText('"id": 42');
  await expect(example).toContainText('"created_at": "2026-11-20T09:30:00.000Z"');
  await expect(example).not.toContainText("9007199254740991");
});
