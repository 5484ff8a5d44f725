// htm bound to preact: templates in tagged strings, so the pages need no JSX compiler. Text is escaped by preact.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);

/** The current route: `#/arms?provider=x` -> { page: 'arms', rest: [], params }. */
export interface Route {
  page: string;
  rest: string[];
  params: URLSearchParams;
}

export function readRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = 'runs', ...rest] = path.split('/').map((part) => decodeURIComponent(part));
  return { page: page || 'runs', rest, params: new URLSearchParams(query) };
}

export function linkTo(page: string, params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return `#/${page}${text ? `?${text}` : ''}`;
}

export function linkToArm(windowId: string): string {
  return `#/arm/${encodeURIComponent(windowId)}`;
}
