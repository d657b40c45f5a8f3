import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// axe (WCAG 2.1 A and AA plus the heading and landmark rules e2e/a11y.spec.ts adds) over a page as it is
// now, for specs of single features. e2e/a11y.spec.ts covers every page in both themes.

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ALSO = ["heading-order", "page-has-heading-one", "landmark-one-main", "landmark-unique", "region"];

export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  await expect(page.locator(".skeleton"), `${state}: still loading`).toHaveCount(0);
  const rules = Object.fromEntries(ALSO.map((id) => [id, { enabled: true }]));
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"], rules }).withTags(WCAG).analyze();
  const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(violations, `${state}: axe violations`).toEqual([]);
}
