// A tiny HTTP-style router: routes registered per method, matched against a request path.
import { normalizePath, splitPath } from './path.js';

export type Handler = (params: Record<string, string>) => string;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export interface Match {
  handler: Handler;
  params: Record<string, string>;
}

/** Per segment: 0 literal, 1 parameter, 2 wildcard (lower is more specific). */
type Rank = number[];

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const segments = splitPath(pattern);
    const star = segments.indexOf('*');
    if (star !== -1 && star !== segments.length - 1) throw new Error(`wildcard must be last: ${pattern}`);
    this.routes.push({ method: method.toUpperCase(), segments, handler });
    return this;
  }

  match(method: string, path: string): Match | null {
    const parts = splitPath(normalizePath(path));
    let best: { match: Match; rank: Rank } | null = null;
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      const rank = route.segments.map((segment) => (segment === '*' ? 2 : segment.startsWith(':') ? 1 : 0));
      if (!best || compareRanks(rank, best.rank) < 0) best = { match: { handler: route.handler, params }, rank };
    }
    return best ? best.match : null;
  }

  handle(method: string, path: string): string {
    const found = this.match(method, path);
    return found ? found.handler(found.params) : '404';
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as string;
    if (segment === '*') {
      params['*'] = parts.slice(i).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (segment !== part) {
      return null;
    }
  }
  return parts.length === segments.length ? params : null;
}

function compareRanks(a: Rank, b: Rank): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}
