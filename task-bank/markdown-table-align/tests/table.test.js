import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDelimiterCell, splitRow } from '../src/cells.js';
import { columnWidths, formatTable, reformat } from '../src/format-table.js';
import { parseTable, TableError } from '../src/parse-table.js';

test('delimiter cells accept colons at either end', () => {
  for (const ok of ['---', ':---', '---:', ':-----:']) assert.equal(isDelimiterCell(ok), true, ok);
  for (const bad of ['--', ':--', '-:-', '::---', 'abc']) assert.equal(isDelimiterCell(bad), false, bad);
  assert.throws(() => parseTable('a|b\n---|-:-'), (e) => e instanceof TableError && /line 2/.test(e.message));
});
test('parseTable reports each column alignment', () => {
  const t = parseTable('| a | b | c | d |\n|:---|---:|:---:|---|\n| 1 | 2 | 3 | 4 |');
  assert.deepEqual(t.align, ['left', 'right', 'center', null]);
  assert.deepEqual(t.rows, [['1', '2', '3', '4']]);
});
test('right and center alignment pad on the proper side', () => {
  const out = reformat('| name | qty | note |\n|---|---:|:---:|\n| tea | 5 | ok |\n| coffee | 120 | x |');
  assert.equal(
    out,
    [
      '| name   | qty | note |',
      '| ------ | --: | :--: |',
      '| tea    |   5 |  ok  |',
      '| coffee | 120 |  x   |',
    ].join('\n'),
  );
});
test('left alignment keeps its colon', () => {
  assert.equal(reformat('a|b\n:---|---\nxxxx|y'), ['| a    | b   |', '| :--- | --- |', '| xxxx | y   |'].join('\n'));
  // Tables without colons, and table objects without align, print as before.
  assert.equal(reformat('a|bb\n---|---\nxxxxx|y'), ['| a     | bb  |', '| ----- | --- |', '| xxxxx | y   |'].join('\n'));
  assert.equal(formatTable({ header: ['h'], rows: [['v']] }), ['| h   |', '| --- |', '| v   |'].join('\n'));
});
test('escaped pipes stay inside their cell', () => {
  assert.deepEqual(splitRow('| a \\| b | c |'), ['a \\| b', 'c']);
  assert.deepEqual(splitRow('x | y \\|'), ['x', 'y \\|']);
  const text = ['| op     | meaning |', '| ------ | ------- |', '| a \\| b | or      |'].join('\n');
  assert.equal(reformat(text), text);
});
test('short rows are padded with empty cells; long rows still throw', () => {
  const t = parseTable('a|b|c\n---|---|---\n1\n1|2');
  assert.deepEqual(t.rows, [['1', '', ''], ['1', '2', '']]);
  assert.throws(() => parseTable('a|b\n---|---\n1|2|3'), (e) => e instanceof TableError && /line 3/.test(e.message));
});
test('widths count code points', () => {
  const t = parseTable('| e | n |\n|---|---|\n| 😀😀😀😀 | 1 |');
  assert.deepEqual(columnWidths(t), [4, 3]);
  assert.equal(formatTable(t).split('\n')[0], '| e    | n   |');
});
