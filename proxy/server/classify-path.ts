// Which API a request path belongs to, and so which usage tap and error envelope apply.
import { findErrorProtocol, findTappingProtocol, isPassedPath } from '../protocols/find-proxy-protocol.js';
import type { ApiKind } from '../tap/usage-tap.js';

export type PathClass = { served: true; kind: ApiKind | null } | { served: false };

/** ChatGPT's back end under a ChatGPT login: only the paths its protocol taps or passes are served. */
const CHATGPT_PREFIX = '/backend-api/';

/**
 * A path a protocol taps (proxy/protocols/) is served and tapped; one it passes (count_tokens, other `/v1/*` paths,
 * Codex's model list under ChatGPT, Gemini's other `/v1beta/*` calls) is served untapped.
 */
export function classifyPath(path: string): PathClass {
  const tapped = findTappingProtocol(path);
  if (tapped) return { served: true, kind: tapped.id };
  if (isPassedPath(path)) return { served: true, kind: null };
  return { served: false };
}

/**
 * A path of ChatGPT's web API other than Codex's two: Codex signed in with ChatGPT calls some at start
 * (`/backend-api/wham/accounts/check`, `/backend-api/wham/settings/user`, seen from 0.169.0 under `chatgpt_base_url`).
 * The proxy answers them 404 itself and never forwards them: with a login it adds (auth_login), a sandboxed agent
 * could otherwise read the account's conversations through it.
 */
export function isChatgptWebPath(path: string): boolean {
  return path.startsWith(CHATGPT_PREFIX) && !classifyPath(path).served;
}

/** The envelope an error on this path should use, even for untapped paths. */
export function errorKindOf(path: string): ApiKind {
  return findErrorProtocol(path).id;
}
