// @ts-check
const { expect, test } = require('@playwright/test');
const { default: AxeBuilder } = require('@axe-core/playwright');

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One violation as text: the rule, what it means, and every element it found with axe's own advice. */
function describe(violation) {
  const lines = [
    `[${violation.impact || 'no impact given'}] ${violation.id}: ${violation.help}`,
    `  ${violation.helpUrl}`,
  ];
  for (const node of violation.nodes) {
    lines.push(`  - element: ${node.target.join(' ')}`);
    lines.push(`    html:    ${node.html.replace(/\s+/g, ' ').slice(0, 300)}`);
    for (const summary of (node.failureSummary || '').split('\n').filter(Boolean)) {
      lines.push(`    ${summary.trim()}`);
    }
  }
  return lines.join('\n');
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.0 and 2.1, levels A and AA) and fails the test on any violation,
 * listing each rule, element and message.
 *
 * @param {import('@playwright/test').Page} page
 */
async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations;
  if (violations.length > 0) {
    await test.info().attach(`axe violations ${page.url()}`, {
      body: JSON.stringify(violations, null, 2),
      contentType: 'application/json',
    });
  }
  const report = violations.length === 0 ? ''
    : `axe found ${violations.length} accessibility violation(s) on ${page.url()}:\n\n` +
      violations.map(describe).join('\n\n') + '\n';
  expect(violations.length, report || undefined).toBe(0);
}

module.exports = { expectNoAxeViolations };
