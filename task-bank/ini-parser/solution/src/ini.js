// Parse INI text: sections (dotted nesting), comments, quoted strings, booleans and numbers.
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

function convert(raw) {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return raw.slice(1, -1);
  const value = raw.replace(/\s+[;#].*$/, '').trim();
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

export function parseIni(text) {
  const result = {};
  let section = result;
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const fail = (why) => new SyntaxError(`line ${index + 1}: ${why}`);
    const line = rawLine.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw fail('unclosed section header');
      const name = line.slice(1, -1).trim();
      if (name === '') throw fail('empty section name');
      section = result;
      for (const part of name.split('.').map((p) => p.trim())) {
        if (part === '' || UNSAFE.has(part)) throw fail(`bad section name "${name}"`);
        if (typeof section[part] !== 'object' || section[part] === null) section[part] = {};
        section = section[part];
      }
      return;
    }
    const eq = line.indexOf('=');
    if (eq === -1) throw fail('expected key = value');
    const key = line.slice(0, eq).trim();
    if (key === '' || UNSAFE.has(key)) throw fail(`bad key "${key}"`);
    section[key] = convert(line.slice(eq + 1).trim());
  });
  return result;
}
