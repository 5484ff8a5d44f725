// A small Mustache-like renderer: {{path}} escaped, {{{path}}} raw, \{{ literal, strict mode for missing values.
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function lookup(data, path, strict) {
  let value = data;
  for (const name of path.split('.')) {
    value = value == null ? undefined : value[name];
  }
  if (value == null) {
    if (strict) throw new ReferenceError(`render: missing value for "${path}"`);
    return '';
  }
  return String(value);
}

export function render(template, data, options = {}) {
  let out = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('\\{{', i)) {
      out += '{{';
      i += 3;
      continue;
    }
    if (!template.startsWith('{{', i)) {
      out += template[i++];
      continue;
    }
    const raw = template.startsWith('{{{', i);
    const close = raw ? '}}}' : '}}';
    const bodyStart = i + (raw ? 3 : 2);
    const end = template.indexOf(close, bodyStart);
    if (end === -1) throw new SyntaxError(`render: unclosed placeholder at index ${i}`);
    const value = lookup(data, template.slice(bodyStart, end).trim(), options.strict === true);
    out += raw ? value : value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
    i = end + close.length;
  }
  return out;
}
