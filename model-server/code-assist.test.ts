// Code Assist as the scripted server speaks it to Gemini CLI signed in with Google: Gemini's answers, each inside `response`.
import { afterEach, describe, expect, it } from 'vitest';
import { getBuiltinScript } from './builtin-scripts.js';
import { startScriptedServer, type ScriptedServer } from './start-scripted-server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

// The body Gemini CLI 0.61.0 posts (seen on loopback): the model and project beside the GenerateContentRequest.
const body = {
  model: 'gemini-2.5-pro',
  project: 'scripted-project',
  user_prompt_id: 'p1',
  request: { contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }], generationConfig: {} },
};
const post = (path: string, payload: unknown) =>
  fetch(`${(server as ScriptedServer).url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer google' },
    body: JSON.stringify(payload),
  });

describe('the scripted server speaking Code Assist', () => {
  it('streams Gemini chunks inside `response` with a trace id, the model from the body, the usage on the last', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')! });
    const answer = await post('/v1internal:streamGenerateContent?alt=sse', body);
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    const chunks = (await answer.text())
      .split(/\r?\n\r?\n/)
      .filter((part) => part.startsWith('data: '))
      .map((part) => JSON.parse(part.slice('data: '.length)) as { response: Record<string, unknown>; traceId: string });
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((chunk) => chunk.traceId.startsWith('scripted-trace-') && chunk.response.modelVersion === 'gemini-2.5-pro')).toBe(
      true,
    );
    const last = chunks.at(-1)?.response as { candidates: { finishReason: string }[]; usageMetadata: { candidatesTokenCount: number } };
    expect(last.candidates[0]?.finishReason).toBe('STOP');
    expect(last.usageMetadata.candidatesTokenCount).toBeGreaterThan(0);
    expect(server.sent.map((entry) => [entry.route, entry.status])).toEqual([['code_assist', 200]]);
  });

  it('answers generateContent whole inside `response`, and listExperiments with no flags', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')! });
    const whole = (await (await post('/v1internal:generateContent', body)).json()) as { response: { candidates: unknown[] } };
    expect(whole.response.candidates).toHaveLength(1);
    expect(await (await post('/v1internal:listExperiments', { project: 'p' })).json()).toEqual({ experimentIds: [], flags: [] });
  });
});
