// A one-token request through the proxy, tagged with its own window id, so the proxy records the provider's bars right now.

import { PLACEHOLDER_ACCOUNT_ID } from '../drivers/codex-placeholder-login.js';

/** `chatgpt`: the ChatGPT back end's Responses path, as Codex signed in with ChatGPT uses it. */
export type ProbeApi = 'messages' | 'responses' | 'chatgpt';

export interface ProbeRequest {
  proxyUrl: string;
  api: ProbeApi;
  model: string;
  /** Attribution headers; x-tracker-window names the probe (never the arm's window, so its tokens stay out of the arm). */
  headers: Record<string, string>;
  /** Credentials for a real back end, sent as the agent would (x-api-key or bearer); dummy otherwise. */
  apiKey?: string | undefined;
  timeoutMs?: number;
}

export interface ProbeResult {
  ok: boolean;
  status: number | null;
  detail: string;
  /** The proxy refused the probe because a block budget is spent (its 429 says so). */
  budgetSpent: boolean;
}

/**
 * The request is as small as a request can be (max 1 output token, a one-line prompt): it moves the bars by
 * next to nothing, but its response carries them. A failed probe is not an error: the runner then reads the
 * bars from the agent's own traffic and says so in the window's notes.
 */
export async function probeCapacity(request: ProbeRequest): Promise<ProbeResult> {
  const { path, body, auth } = buildProbe(request);
  try {
    const response = await fetch(`${request.proxyUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth, ...request.headers, 'x-tracker-command': 'probe' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    // A budget held by requests in flight refuses with its own words (no room ... held by N requests): not spent.
    const budget = response.status === 429 ? /tracker proxy: [^"]*budget (?:is spent|has no room)[^"]*/.exec(text)?.[0] : undefined;
    return {
      ok: response.ok,
      status: response.status,
      detail: budget ?? (response.ok ? 'ok' : `HTTP ${response.status}`),
      budgetSpent: budget?.includes('budget is spent') === true,
    };
  } catch (error) {
    return { ok: false, status: null, detail: (error as Error).message, budgetSpent: false };
  }
}

const PROMPT = 'Reply with OK. (agent-tracker capacity probe)';

function buildProbe(request: ProbeRequest): { path: string; body: object; auth: Record<string, string> } {
  const key = request.apiKey ?? 'dummy';
  if (request.api === 'messages')
    return {
      path: '/v1/messages',
      body: { model: request.model, max_tokens: 1, messages: [{ role: 'user', content: PROMPT }] },
      auth: { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
    };
  if (request.api === 'responses')
    return {
      path: '/v1/responses',
      body: { model: request.model, max_output_tokens: 16, input: PROMPT, stream: false },
      auth: { authorization: `Bearer ${key}` },
    };
  // The ChatGPT back end takes only what Codex sends there: a stream, never stored (chatgpt-backend.ts in model-server
  // cites its refusals). The login is the agent's placeholder; the proxy sends the real one (auth_login).
  return {
    path: '/backend-api/codex/responses',
    body: {
      model: request.model,
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: PROMPT }] }],
      stream: true,
      store: false,
    },
    auth: { authorization: `Bearer ${key}`, 'chatgpt-account-id': PLACEHOLDER_ACCOUNT_ID },
  };
}

/** Asks the proxy to write the telemetry and readings it holds (its `/_tracker/flush`). */
export async function flushProxy(proxyUrl: string): Promise<void> {
  try {
    const response = await fetch(`${proxyUrl}/_tracker/flush`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
  } catch {
    // A proxy that cannot flush still wrote on its own schedule; the reading search below waits a little.
  }
}
