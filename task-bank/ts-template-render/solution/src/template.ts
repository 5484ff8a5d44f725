// Renders `{name}` placeholders (see spec.md).
export function render(template: string, vars: Record<string, unknown>): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i] as string;
    const next = template[i + 1];
    if (ch === '{' && next === '{') {
      out += '{';
      i += 2;
    } else if (ch === '}' && next === '}') {
      out += '}';
      i += 2;
    } else if (ch === '}') {
      throw new SyntaxError(`bad template at ${i}`);
    } else if (ch === '{') {
      const end = template.indexOf('}', i);
      const name = end === -1 ? '' : template.slice(i + 1, end);
      if (!/^[A-Za-z0-9_.]+$/.test(name)) throw new SyntaxError(`bad template at ${i}`);
      out += String(lookup(vars, name));
      i = end + 1;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

function lookup(vars: Record<string, unknown>, name: string): unknown {
  let value: unknown = vars;
  for (const key of name.split('.')) {
    if (typeof value !== 'object' || value === null || (value as Record<string, unknown>)[key] === undefined)
      throw new Error(`missing variable: ${name}`);
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
