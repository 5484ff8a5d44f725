// The proxy's transcripts end to end: the scripted model server behind a real proxy, turns read back with readArmEvidence.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArmEvidence } from '../../ledger/evidence/index.js';
import { parseScript } from '../../model-server/index.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const WINDOW = 'plan-x-a001-claude-1';
const lab = useProxyLab();

async function start(transcripts: boolean): Promise<{ url: string; dataDir: string }> {
  const script = parseScript(
    {
      name: 'two-turns',
      steps: [
        {
          type: 'tool_use',
          text: 'Let me look.',
          name: 'Bash',
          input: { command: 'ls' },
          responses: { name: 'exec_command', input: { cmd: 'ls' } },
        },
        { type: 'text', text: 'Done.' },
      ],
    },
    'test',
  );
  const started = await lab.start(script, 'transcripts', (dataDir) => ({ transcripts: transcripts ? { dataDir } : null }));
  return { url: started.proxy.url, dataDir: started.dataDir };
}

function send(base: string, path: string, body: object, window: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-api-key': 'dummy', 'x-claude-code-session-id': 's1' };
    if (window) headers['x-tracker-window'] = window;
    const req = request(`${base}${path}`, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('proxy transcripts', () => {
  it('keeps each turn of a window: only the new messages, the rebuilt answer, tokens', async () => {
    const { url, dataDir } = await start(true);
    const first = [{ role: 'user', content: 'list the files' }];
    const tools = [{ name: 'Bash', input_schema: {} }];
    await send(url, '/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, stream: true, tools, messages: first }, WINDOW);
    const second = [
      ...first,
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'a.js' }] },
    ];
    await send(url, '/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, stream: false, tools, messages: second }, WINDOW);
    await send(url, '/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, messages: first }, null);
    await lab.stopProxy();
    const evidence = readArmEvidence(dataDir, WINDOW);
    expect(evidence.problems).toEqual([]);
    const turns = evidence.turns ?? [];
    expect(turns.map((turn) => turn.seq)).toEqual([1, 2]);
    expect(turns[0]?.request.messages).toEqual([{ role: 'user', blocks: [{ type: 'text', text: 'list the files' }] }]);
    expect(turns[0]?.request.tools).toEqual(['Bash']);
    expect(turns[0]?.response).toMatchObject({ text: 'Let me look.', stop_reason: 'tool_use' });
    expect(turns[0]?.response.tool_calls).toMatchObject([{ name: 'Bash', input: '{"command":"ls"}' }]);
    expect(turns[0]?.tokens.output).toBeGreaterThan(0);
    // The second request resent the first message: only the two after it are this turn's.
    expect(turns[1]?.request.messages.map((message) => message.role)).toEqual(['assistant', 'user']);
    expect(turns[1]?.response).toMatchObject({ text: 'Done.', stop_reason: 'end_turn' });
  });

  it('rebuilds a Codex turn from the Responses stream', async () => {
    const { url, dataDir } = await start(true);
    const body = {
      model: 'gpt-5-codex',
      stream: true,
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] }],
    };
    await send(url, '/v1/responses', body, WINDOW);
    await lab.stopProxy();
    const turn = readArmEvidence(dataDir, WINDOW).turns?.[0];
    expect(turn?.response.tool_calls).toMatchObject([{ name: 'exec_command', input: '{"cmd":"ls"}' }]);
    expect(turn?.response.stop_reason).toBe('completed');
  });

  it('writes nothing when transcripts are not asked for', async () => {
    const { url, dataDir } = await start(false);
    await send(url, '/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }, WINDOW);
    await lab.stopProxy();
    expect(existsSync(join(dataDir, 'evidence'))).toBe(false);
  });
});
