// Long terminal lines broken at a clause, the rest indented under them, so a narrow terminal loses no figure.

/**
 * A line too long for the terminal, broken after its last `, ` or `; ` (else space) that fits, the rest indented
 * under it: cutting it lost the ETA and the time to a limit at 80 columns. A word longer than the line is cut.
 */
export function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = ' '.repeat(Math.min((/^ */.exec(line)?.[0].length ?? 0) + 2, Math.floor(width / 2)));
  const lines: string[] = [];
  let rest = line;
  let prefix = '';
  while (prefix.length + rest.length > width) {
    const room = width - prefix.length;
    const cut = findBreak(rest, room);
    lines.push(`${prefix}${rest.slice(0, cut).trimEnd()}`);
    rest = rest.slice(cut).trimStart();
    prefix = indent;
  }
  lines.push(`${prefix}${rest}`);
  return lines;
}

/** Where to break `text` to keep at most `room` characters: after a `, ` or `; `, else at a space, else at `room`. */
function findBreak(text: string, room: number): number {
  const head = text.slice(0, room + 1);
  const clause = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '));
  // A clause break in the first third would leave a line mostly empty: a space further on does better.
  if (clause >= room / 3) return clause + 1;
  const space = head.lastIndexOf(' ');
  return space > 0 ? space : room;
}
