// Maps a method and URL to what the scripted server does with it; query strings (e.g. ?beta=true) do not matter.
import type { ScriptedRoute } from './sent-record.js';

export function routeRequest(method: string, url: string): ScriptedRoute {
  const path = (url.split('?')[0] ?? '').replace(/\/+$/, '');
  if (method === 'POST' && path === '/v1/messages') return 'messages';
  if (method === 'POST' && path === '/v1/messages/count_tokens') return 'count_tokens';
  if (method === 'POST' && path === '/v1/responses') return 'responses';
  if (method === 'GET' && path === '/v1/models') return 'models';
  return 'not_found';
}
