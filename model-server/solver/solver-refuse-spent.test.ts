// A solver account that refuses once spent: 429 with its full bar and its reset; other accounts untouched.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getBuiltinScript } from '../builtin-scripts.js';
import { startScriptedServer, type ScriptedServer } from '../start-scripted-server.js';
import { makeTaskBank } from './test-fixtures/make-task-bank.js';

const bank = makeTaskBank();
let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(() => rmSync(bank, { recursive: true, force: true }));

async function ask(model: string): Promise<{ status: number; headers: Headers; text: string }> {
  const body = JSON.stringify({
    model,
    stream: true,
    system: `Primary working directory: /tmp/repo ${'x'.repeat(8_000)}`,
    messages: [{ role: 'user', content: 'Task id: two-files' }],
  });
  const response = await fetch(`${server!.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('a solver account that refuses when spent', () => {
  it('answers until its 5-hour bar is full, then refuses with status rejected and the reset', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    const statuses: number[] = [];
    let refusal: { status: number; headers: Headers; text: string } | null = null;
    for (let i = 0; i < 10 && refusal === null; i += 1) {
      const answer = await ask('scripted-claude-tiny');
      statuses.push(answer.status);
      if (answer.status !== 200) refusal = answer;
    }
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(refusal?.status).toBe(429);
    expect(refusal?.headers.get('anthropic-ratelimit-unified-status')).toBe('rejected');
    expect(refusal?.headers.get('anthropic-ratelimit-unified-5h-utilization')).toBe('1');
    expect(Number(refusal?.headers.get('anthropic-ratelimit-unified-5h-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(refusal?.text).toContain('rate_limit_error');
    expect((await ask('scripted-claude-tiny')).status).toBe(429);
    // An account without the flag only shows a full bar: scripted-claude's window is far larger, and never refused.
    expect((await ask('scripted-claude')).status).toBe(200);
  });
});
