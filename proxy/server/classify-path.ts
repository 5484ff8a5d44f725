// Which API a request path belongs to, and so which usage tap and error envelope apply.
import type { ApiKind } from '../tap/usage-tap.js';

export type PathClass = { served: true; kind: ApiKind | null } | { served: false };

/** Messages and Responses are tapped; count_tokens and other `/v1/*` paths pass through untapped. */
export function classifyPath(path: string): PathClass {
  if (path === '/v1/messages') return { served: true, kind: 'anthropic-messages' };
  if (path === '/v1/responses') return { served: true, kind: 'openai-responses' };
  if (path.startsWith('/v1/')) return { served: true, kind: null };
  return { served: false };
}

/** The envelope an error on this path should use, even for untapped paths. */
export function errorKindOf(path: string): ApiKind {
  return path.startsWith('/v1/responses') || path.startsWith('/v1/chat') || path.startsWith('/v1/models')
    ? 'openai-responses'
    : 'anthropic-messages';
}
