import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";

/**
 * axe-core with the WCAG 2.1 A and AA rules: fails on any serious or critical violation, and
 * records every page's counts as an annotation ("axe <page>") and on the console.
 */
export async function audit(page: Page, name: string) {
  const { violations, passes, incomplete } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const byImpact = (impact: string) => violations.filter((v) => v.impact === impact).length;
  const summary = {
    type: `axe ${name}`,
    description: `critical ${byImpact("critical")}, serious ${byImpact("serious")}, moderate ${byImpact("moderate")}, minor ${byImpact("minor")}; rules passed ${passes.length}, to review ${incomplete.length}`,
  };
  test.info().annotations.push(summary);
  console.log(`[${summary.type}] ${summary.description}`);
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), name).toEqual([]);
}
