// Maps a method and URL to what the scripted server does with it, and the protocol it answers in; query strings do not matter.
import { readPathModel } from '../ledger/vocabulary/index.js';
import type { ModelApi } from './inspect-request.js';
import type { ScriptedRoute } from './sent-record.js';

export function routeRequest(method: string, url: string): ScriptedRoute {
  const path = (url.split('?')[0] ?? '').replace(/\/+$/, '');
  if (method === 'POST' && path === '/v1/messages') return 'messages';
  if (method === 'POST' && path === '/v1/messages/count_tokens') return 'count_tokens';
  if (method === 'POST' && path === '/v1/responses') return 'responses';
  // Gemini's generateContent and streamGenerateContent, the model in the path (ledger/vocabulary: readPathModel).
  if (method === 'POST' && readPathModel('gemini-generate-content', path) !== null) return 'generate_content';
  if (method === 'GET' && path === '/v1/models') return 'models';
  // The ChatGPT back end Codex uses with a ChatGPT login (chatgpt-backend.ts): chatgpt.com's own paths.
  if (method === 'POST' && path === '/backend-api/codex/responses') return 'chatgpt_responses';
  if (method === 'GET' && path === '/backend-api/codex/models') return 'chatgpt_models';
  // The providers' quota endpoints are read-only GETs; any other method on them is an unknown route (404).
  if (method === 'GET' && path === '/api/oauth/usage') return 'claude_usage';
  if (method === 'GET' && path === '/backend-api/wham/usage') return 'codex_usage';
  if (method === 'GET' && path === '/api/monitor/usage/quota/limit') return 'glm_quota';
  // Code Assist (Gemini CLI signed in with Google): its methods are POSTs of JSON, the model in the body.
  if (method === 'POST' && /^\/v1internal:(?:stream)?[gG]enerateContent$/.test(path)) return 'code_assist';
  if (method === 'POST' && path === '/v1internal:retrieveUserQuota') return 'gemini_quota';
  if (method === 'POST' && path === '/v1internal:loadCodeAssist') return 'code_assist_load';
  if (method === 'POST' && path === '/v1internal:listExperiments') return 'code_assist_experiments';
  return 'not_found';
}

/** The protocol a model route speaks; the non-model routes answer in Anthropic's envelope. */
export function selectRouteApi(route: ScriptedRoute): ModelApi {
  if (route === 'responses' || route === 'chatgpt_responses') return 'openai-responses';
  if (route === 'code_assist') return 'code-assist';
  return route === 'generate_content' ? 'gemini-generate-content' : 'anthropic-messages';
}
