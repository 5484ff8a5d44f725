// WCAG 2.1 contrast of every visible text in the page against the background it sits on (success criterion 1.4.3).
import type { Page } from 'playwright-core';

/**
 * Texts under 4.5:1 (3:1 for large text: 24 px, or 18.66 px bold), as "ratio text" lines. The background is the first
 * opaque one found walking up from the text's element; relative luminance and the ratio are WCAG's
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). Charts (SVG) are left out: their labels are vega's.
 */
/** Runs in the page (a string: this program is type-checked without the DOM's types). */
const SCRIPT = `(() => {
  const parse = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
  const channel = (value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r = 0, g = 0, b = 0]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const backgroundOf = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const [r = 0, g = 0, b = 0, a = 1] = parse(getComputedStyle(node).backgroundColor);
      if (a > 0.5) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || '').trim();
    const element = node.parentElement;
    if (!text || !element || element.closest('svg, .chart, #vg-tooltip-element')) continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    const fore = luminance(parse(style.color));
    const back = luminance(backgroundOf(element));
    const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push(ratio.toFixed(2) + ' ' + text.slice(0, 60));
  }
  return failures;
})()`;

export function measureContrast(page: Page): Promise<string[]> {
  return page.evaluate(SCRIPT) as Promise<string[]>;
}
