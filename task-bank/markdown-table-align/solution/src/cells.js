// Splits one Markdown table row into its cells.

/** "| a | b |" -> ["a", "b"]; the outer pipes are optional; cells are trimmed; "\|" stays inside its cell. */
export function splitRow(line) {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === '|') {
      current += '\\|';
      i++;
    } else if (text[i] === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += text[i];
    }
  }
  cells.push(current.trim());
  return cells;
}

/** True for a delimiter row cell: three or more dashes, optionally with a colon at either end. */
export function isDelimiterCell(cell) {
  return /^:?-{3,}:?$/.test(cell);
}

/** The alignment a delimiter cell asks for: 'left', 'right', 'center' or null. */
export function alignmentOf(cell) {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  if (left && right) return 'center';
  if (left) return 'left';
  if (right) return 'right';
  return null;
}

/** The display width of a cell in code points. */
export function widthOf(cell) {
  return [...cell].length;
}

/** Joins cells back into a row with outer pipes and one space of padding. */
export function joinRow(cells) {
  return `| ${cells.join(' | ')} |`;
}
