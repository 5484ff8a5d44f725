// Route patterns: static segments, :params and a trailing *wildcard; matching and specificity ordering.
import { splitPath } from './url.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RANK = { static: 0, param: 1, wildcard: 2 };

/** Compiles a route path into segments: { kind, value } with value the text (static) or the name. */
export function compilePattern(path) {
  const parts = splitPath(path);
  const seen = new Set();
  const segments = parts.map((part, i) => {
    if (part.startsWith(':') || part.startsWith('*')) {
      const kind = part.startsWith(':') ? 'param' : 'wildcard';
      const name = kind === 'wildcard' && part === '*' ? '*' : part.slice(1);
      if (name !== '*' && !NAME.test(name)) throw new TypeError(`invalid parameter name in route ${path}`);
      if (kind === 'wildcard' && i !== parts.length - 1) throw new TypeError(`wildcard must be last in route ${path}`);
      if (seen.has(name)) throw new TypeError(`parameter ${name} used twice in route ${path}`);
      seen.add(name);
      return { kind, value: name };
    }
    return { kind: 'static', value: part };
  });
  return { path, segments, shape: segments.map((s) => (s.kind === 'static' ? s.value : `\0${s.kind}`)).join('/') };
}

function decodePathValue(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The params if the compiled pattern matches the path's segments, else null. */
export function matchPattern(pattern, segments) {
  const params = {};
  for (let i = 0; i < pattern.segments.length; i++) {
    const seg = pattern.segments[i];
    if (seg.kind === 'wildcard') {
      if (i >= segments.length) return null;
      params[seg.value] = segments.slice(i).map(decodePathValue).join('/');
      return params;
    }
    if (i >= segments.length) return null;
    if (seg.kind === 'static' && seg.value !== segments[i]) return null;
    if (seg.kind === 'param') params[seg.value] = decodePathValue(segments[i]);
  }
  return segments.length === pattern.segments.length ? params : null;
}

/** Sort comparator: the more specific pattern first (static < param < wildcard at the first differing kind). */
export function compareSpecificity(a, b) {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const d = RANK[a.segments[i].kind] - RANK[b.segments[i].kind];
    if (d !== 0) return d;
  }
  return 0;
}
