// Slugify with unicode folding.
const SPECIAL = { ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe', Œ: 'OE', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D' };

export function slugify(text, options = {}) {
  if (typeof text !== 'string') throw new TypeError('slugify expects a string');
  const separator = options.separator ?? '-';
  const folded = text
    .replace(/[ßæÆøØœŒłŁđĐ]/g, (c) => SPECIAL[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const words = folded.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
  let slug = words.join(separator);
  if (options.maxLength !== undefined && slug.length > options.maxLength) {
    slug = slug.slice(0, options.maxLength);
    while (separator && slug.endsWith(separator)) slug = slug.slice(0, -separator.length);
  }
  return slug;
}

export function createSlugger(options = {}) {
  const separator = options.separator ?? '-';
  const seen = new Map();
  return (text) => {
    const base = slugify(text, options);
    if (base === '') return '';
    let slug = base;
    let count = seen.get(base) ?? 0;
    while (seen.has(slug)) slug = `${base}${separator}${++count}`;
    seen.set(base, count);
    if (slug !== base) seen.set(slug, 0);
    return slug;
  };
}
