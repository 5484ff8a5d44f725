// Greedy word wrap: paragraphs on \n, collapsed whitespace, long words split into width-sized chunks.
export function wrapText(text, width, options = {}) {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`wrapText: width must be an integer >= 1, got ${width}`);
  const indent = options.indent ?? '';
  const out = [];
  for (const paragraph of String(text).split('\n')) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w !== '');
    if (words.length === 0) {
      out.push('');
      continue;
    }
    let line = indent;
    let empty = true;
    const flush = () => {
      out.push(line);
      line = '';
      empty = true;
    };
    for (const word of words) {
      const sep = empty ? '' : ' ';
      if (line.length + sep.length + word.length <= width) {
        line += sep + word;
        empty = false;
        continue;
      }
      if (!empty) flush();
      let rest = word;
      while (line.length + rest.length > width) {
        const take = Math.max(1, width - line.length);
        line += rest.slice(0, take);
        rest = rest.slice(take);
        flush();
      }
      if (rest !== '') {
        line += rest;
        empty = false;
      }
    }
    if (!empty || line !== '') out.push(line);
  }
  return out;
}
