// A shell command that writes a file's exact bytes: mkdir -p of its parent, then a quoted heredoc (no expansion at all).

/**
 * `mkdir -p 'dir' && cat > 'rel' <<'DELIM'` with the content verbatim; the delimiter never occurs in the content.
 * A heredoc always ends in a newline, so content without a final newline is trimmed of it afterwards
 * (`printf '%s' "$(cat f)"` drops the trailing newlines, and such content has none of its own).
 */
export function buildWriteCommand(rel: string, content: string): string {
  const delimiter = pickDelimiter(content);
  const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
  const target = quoteShell(rel);
  const write = `cat > ${target} <<'${delimiter}'\n${content}${content.endsWith('\n') ? '' : '\n'}${delimiter}\n`;
  const lines = [parent === '' ? write : `mkdir -p ${quoteShell(parent)} && ${write}`];
  if (!content.endsWith('\n')) lines.push(`printf '%s' "$(cat ${target})" > ${target}\n`);
  return lines.join('');
}

/** SOLUTION_EOF, or SOLUTION_EOF_1, _2, ... until one does not occur anywhere in the content. */
export function pickDelimiter(content: string): string {
  let delimiter = 'SOLUTION_EOF';
  for (let n = 1; content.includes(delimiter); n += 1) delimiter = `SOLUTION_EOF_${n}`;
  return delimiter;
}

/** Single-quotes a word for sh: 'it'\''s'. */
export function quoteShell(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
