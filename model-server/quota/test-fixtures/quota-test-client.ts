// Test helper: charges solver accounts over real HTTP and reads the quota endpoints back.
import { parseSseText } from '../../parse-sse-text.js';

export interface ChargedAnswer {
  headers: Headers;
  /** input + 5 x output of this answer, as its own usage says: what the account was charged. */
  units: number;
}

/** One streamed Messages request for `model`, its body padded to about `padding` bytes. */
export async function askMessages(url: string, model: string, padding: number, taskId = 'one-file'): Promise<ChargedAnswer> {
  const body = JSON.stringify({ model, stream: true, system: `Primary working directory: /tmp/repo ${'x'.repeat(padding)}`, messages: [{ role: 'user', content: `Task id: ${taskId}` }] });
  const response = await fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const usage = parseSseText(await response.text()).find((event) => event.event === 'message_delta')?.json?.usage as { input_tokens: number; output_tokens: number };
  return { headers: response.headers, units: usage.input_tokens + 5 * usage.output_tokens };
}

/** One streamed Responses request for `model`, its body padded to about `padding` bytes. */
export async function askResponses(url: string, model: string, padding: number): Promise<ChargedAnswer> {
  const body = JSON.stringify({ model, stream: true, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: `Task id: one-file ${'y'.repeat(padding)}` }] }] });
  const response = await fetch(`${url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const completed = parseSseText(await response.text()).find((event) => event.event === 'response.completed');
  const usage = (completed?.json?.response as { usage: { input_tokens: number; output_tokens: number } }).usage;
  return { headers: response.headers, units: usage.input_tokens + 5 * usage.output_tokens };
}

export const QUOTA_PATHS = { claude: '/api/oauth/usage', codex: '/backend-api/wham/usage', glm: '/api/monitor/usage/quota/limit' } as const;

/** The request headers each real client sends, with `account` as the credential. */
export function buildQuotaHeaders(kind: keyof typeof QUOTA_PATHS, account: string): Record<string, string> {
  if (kind === 'claude') return { authorization: `Bearer ${account}`, 'anthropic-beta': 'oauth-2025-04-20' };
  if (kind === 'codex') return { authorization: `Bearer ${account}`, 'chatgpt-account-id': 'acct-scripted' };
  return { authorization: account };
}

export interface QuotaAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function getQuota(url: string, path: string, headers: Record<string, string>, method = 'GET'): Promise<QuotaAnswer> {
  const response = await fetch(`${url}${path}`, { method, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as Record<string, unknown> };
}

/** What every quota endpoint must show for `units`: the headers' 4-decimal fraction, as a whole percent. */
export function expectWholePercent(units: number, limitUnits: number): number {
  return Math.round(Math.round(Math.min(1, units / limitUnits) * 10_000) / 100);
}
