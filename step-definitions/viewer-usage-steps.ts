// Steps of the viewer's Usage page: its tables end with a total line that adds up their rows.
import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import { sessionOf } from './viewer-steps.js';
import type { TrackerWorld } from './world.js';

Then("the table {string} ends with a total line of its rows' tokens", async function (this: TrackerWorld, id: string) {
  const table = sessionOf(this).page.getByTestId(id);
  await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
  // Read at once in the page: a table re-rendered between two reads would not add up for a moment.
  const { headers, cells, foot } = await table.evaluate((element) => {
    const texts = (selector: string) => [...element.querySelectorAll(selector)].map((cell) => (cell.textContent ?? '').trim());
    const head = texts('thead th');
    const column = head.indexOf('total');
    return { headers: head, cells: texts(`tbody tr td:nth-child(${column + 1})`), foot: texts('tfoot tr > *') };
  });
  const column = headers.indexOf('total');
  assert.ok(column >= 0, `no "total" column in ${headers.join(' | ')}`);
  const read = (text: string) => Number(text.replaceAll(',', ''));
  // The foot's first cell spans the three label columns, so a column's cell sits two places earlier there.
  assert.equal(foot[0], 'Total');
  assert.equal(
    read(foot[column - 2] ?? ''),
    cells.map(read).reduce((sum, n) => sum + n, 0),
    `foot: ${foot.join(' | ')}`,
  );
});
