// The ChatGPT back end's gate (chatgpt.com/backend-api/codex), as Codex signed in with ChatGPT meets it: its refusals and model list.
import type { IncomingHttpHeaders } from 'node:http';
import { planJsonText, type ResponsePlan } from './plan-response.js';

/*
 * What Codex 0.169.0 sends there, captured from the real binary against a loopback server (ChatGPT login from an
 * auth.json, a provider with `requires_openai_auth = true` and `base_url = <origin>/backend-api/codex`):
 * `POST /backend-api/codex/responses` with `authorization: Bearer <tokens.access_token>`, `chatgpt-account-id:
 * <tokens.account_id>`, `originator: codex_exec`, `session-id`, `thread-id`, `x-client-request-id`, `x-codex-window-id`,
 * `x-codex-turn-metadata`, the provider's `http_headers`, and a body with `stream: true` and `store: false`; before it
 * `GET /backend-api/codex/models?client_version=0.169.0`. How the real back end refuses, as reported against it:
 * - no or a bad login: 401 `{"detail":"Unauthorized"}` (openai/codex#26497, url chatgpt.com/backend-api/codex/responses);
 * - `store` not false: 400 `{"detail":"Store must be set to false"}` (openai/codex#26173, cline/cline#9523);
 * - `stream` not true: 400 `{"detail":"Stream must be set to true"}` (QuantumNous/new-api#5819 forces stream for it).
 * The login is checked first; a refusal costs no capacity and takes no script step.
 */

function planDetail(status: number, detail: string, requestId: string): ResponsePlan {
  return planJsonText(status, { 'x-request-id': requestId }, JSON.stringify({ detail }));
}

/** The bearer token and account id a request carries, each null when absent or blank. */
export function readChatgptLogin(headers: IncomingHttpHeaders): { token: string | null; accountId: string | null } {
  const token = /^Bearer\s+(\S.*)$/i.exec(headers.authorization ?? '')?.[1]?.trim() ?? null;
  const account = headers['chatgpt-account-id'];
  const accountId = typeof account === 'string' && account.trim() !== '' ? account.trim() : null;
  return { token, accountId };
}

/** The refusal the real back end gives this request, or null when it would answer it. */
export function checkChatgptRequest(headers: IncomingHttpHeaders, body: unknown, requestId: string): ResponsePlan | null {
  const login = readChatgptLogin(headers);
  if (login.token === null || login.accountId === null) return planDetail(401, 'Unauthorized', requestId);
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (fields.store !== false) return planDetail(400, 'Store must be set to false', requestId);
  if (fields.stream !== true) return planDetail(400, 'Stream must be set to true', requestId);
  return null;
}

/**
 * `GET /backend-api/codex/models`: Codex reads `{"models": [ModelInfo...]}` (codex-rs/codex-api endpoint/models.rs).
 * The real list names the plan's models with their metadata; this one is empty, and Codex then uses its built-in
 * fallback metadata for the model asked for (checked with 0.169.0: one request, no error; a 404 is logged as an error).
 */
export function planChatgptModels(headers: IncomingHttpHeaders, requestId: string): ResponsePlan {
  const login = readChatgptLogin(headers);
  if (login.token === null || login.accountId === null) return planDetail(401, 'Unauthorized', requestId);
  const plan = planDetail(200, '', requestId);
  plan.body = { kind: 'json', text: JSON.stringify({ models: [] }) };
  return plan;
}
