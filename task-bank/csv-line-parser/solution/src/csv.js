// Parse one CSV line: quoted fields, doubled quotes, custom delimiter, optional trim.
export function parseCsvLine(line, options = {}) {
  const delimiter = options.delimiter ?? ',';
  const trim = options.trim ?? false;
  const fields = [];
  let i = 0;
  for (;;) {
    let start = i;
    while (trim && (line[i] === ' ' || line[i] === '\t')) i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) throw new SyntaxError(`unterminated quoted field starting at column ${start}`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      while (trim && (line[i] === ' ' || line[i] === '\t')) i++;
      fields.push(value);
      if (i >= line.length) return fields;
      if (line[i] !== delimiter) throw new SyntaxError(`unexpected character after closing quote at column ${i}`);
      i++;
      continue;
    }
    i = start;
    let end = line.indexOf(delimiter, i);
    if (end === -1) end = line.length;
    const raw = line.slice(i, end);
    fields.push(trim ? raw.trim() : raw);
    if (end >= line.length) return fields;
    i = end + 1;
  }
}
