// The one table renderer: widths, alignment, indent, the rule under the header, no trailing blanks.
import { describe, expect, it } from 'vitest';
import { renderTable } from './render-table.js';

describe('renderTable', () => {
  it('pads each column to its widest cell, two spaces apart, and trims the line end', () => {
    expect(
      renderTable([
        ['id', 'mode'],
        ['command:/test', 'block'],
        ['x', ''],
      ]),
    ).toEqual(['id             mode', 'command:/test  block', 'x']);
  });

  it('right-aligns the columns it is told to, and indents every line', () => {
    const rows = [
      ['effect', 'p'],
      ['treatment', '0.012'],
    ];
    expect(renderTable(rows, { align: (column) => (column === 0 ? 'left' : 'right'), indent: '  ' })).toEqual([
      '  effect         p',
      '  treatment  0.012',
    ]);
    expect(renderTable(rows, { align: ['right'] })).toEqual(['   effect  p', 'treatment  0.012']);
  });

  it('draws a dashed rule under the header as wide as each column', () => {
    expect(
      renderTable(
        [
          ['run', 'wall'],
          ['capture-1k', '3 ms'],
        ],
        { ruleUnderHeader: true },
      ),
    ).toEqual(['run         wall', '----------  ----', 'capture-1k  3 ms']);
  });

  it('renders no lines for no rows', () => {
    expect(renderTable([])).toEqual([]);
  });
});
