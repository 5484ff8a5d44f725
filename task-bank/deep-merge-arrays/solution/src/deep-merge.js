// Deep merge of plain objects with a policy for arrays and a prototype-pollution guard.
const POLICIES = new Set(['replace', 'concat', 'union', 'byIndex']);
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

function isPlain(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function clone(value) {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlain(value)) return deepMergeWith({}, value, 'replace');
  return value;
}

function deepMergeWith(target, source, policy) {
  if (source === undefined) return clone(target);
  if (Array.isArray(target) && Array.isArray(source)) {
    if (policy === 'concat') return [...target, ...source].map(clone);
    if (policy === 'union') return [...new Set([...target, ...source])].map(clone);
    if (policy === 'byIndex') {
      const length = Math.max(target.length, source.length);
      return Array.from({ length }, (_, i) => (i < source.length ? deepMergeWith(target[i], source[i], policy) : clone(target[i])));
    }
    return source.map(clone);
  }
  if (isPlain(target) && isPlain(source)) {
    const out = {};
    for (const key of Object.keys(target)) if (!UNSAFE.has(key)) out[key] = clone(target[key]);
    for (const key of Object.keys(source)) {
      if (UNSAFE.has(key)) continue;
      out[key] = key in out ? deepMergeWith(out[key], source[key], policy) : clone(source[key]);
    }
    return out;
  }
  return clone(source);
}

export function deepMerge(target, source, options = {}) {
  const policy = options.arrays ?? 'replace';
  if (!POLICIES.has(policy)) throw new TypeError(`unknown arrays policy: ${policy}`);
  return deepMergeWith(target, source, policy);
}
