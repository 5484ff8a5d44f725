// The scripted agent's loop against the real scripted server: files written, usage read once, retries, refusals, failures.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptedServer, ScriptInput } from '../../../model-server/index.js';
import { parseAgentConfig } from './agent-config.js';
import { runScriptedAgent, type AgentIo } from './run-scripted-agent.js';
import { makeTempDir, parseLines, startServer, sumReaderUsage } from './test-fixtures/agent-test-helpers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(script: string | ScriptInput): Promise<{ server: ScriptedServer; root: string; cwd: string }> {
  const server = await startServer(script);
  const temp = makeTempDir('scripted-agent');
  cleanups.push(() => server.close(), temp.remove);
  const cwd = join(temp.dir, 'work');
  mkdirSync(cwd);
  return { server, root: temp.dir, cwd };
}

async function runAgent(baseUrl: string, cwd: string, extra: Partial<AgentIo> & { maxTurns?: number } = {}) {
  const lines: string[] = [];
  const config = parseAgentConfig({
    baseUrl,
    model: 'claude-test',
    headers: { 'x-tracker-window': 'w1' },
    prompt: 'Create hello.txt',
    cwd,
    maxTurns: extra.maxTurns,
  });
  const outcome = await runScriptedAgent(config, {
    writeLine: (line) => lines.push(line),
    retryDelaysMs: extra.retryDelaysMs,
    signal: extra.signal,
  });
  return { outcome, lines, events: parseLines(lines) };
}

const toolStep = (name: string, input: Record<string, unknown>) => ({
  type: 'tool_use' as const,
  name,
  input,
  usage: { input_tokens: 10, output_tokens: 5 },
});

describe('runScriptedAgent', () => {
  it('plays the write-file loop: writes hello.txt and prints Claude Code stream-json', async () => {
    const { server, cwd } = await setUp('write-file');
    const { outcome, events } = await runAgent(server.url, cwd);
    expect(outcome.exitCode).toBe(0);
    expect(readFileSync(join(cwd, 'hello.txt'), 'utf8')).toBe('hello from the scripted server\n');
    expect(events.map((event) => `${String(event.type)}${event.subtype ? `/${String(event.subtype)}` : ''}`)).toEqual([
      'system/init',
      'assistant',
      'user',
      'assistant',
      'result/success',
    ]);
    expect(events[0]).toMatchObject({ cwd, model: 'claude-test' });
    const result = events.at(-1);
    expect(result).toMatchObject({ is_error: false, num_turns: 2, result: 'I created hello.txt.', session_id: events[0]?.session_id });
    expect(events[2]).toMatchObject({ message: { content: [{ type: 'tool_result', content: expect.stringContaining('hello.txt') }] } });
    // The server saw the attribution header and the Messages API headers on each turn.
    expect(
      server.sent.map((sent) => [
        sent.status,
        sent.stream,
        sent.tool_rounds,
        sent.request_headers['x-tracker-window'],
        sent.request_headers['anthropic-version'],
        sent.request_headers['x-api-key'],
      ]),
    ).toEqual([
      [200, true, 0, 'w1', '2023-06-01', 'dummy'],
      [200, true, 1, 'w1', '2023-06-01', 'dummy'],
    ]);
  });

  it('reports usage the runner reads exactly once: the sum of what the server sent', async () => {
    const { server, cwd } = await setUp('write-file');
    const { outcome, lines, events } = await runAgent(server.url, cwd);
    const expected = { input: 1800 + 250, output: 60 + 8, cache_read: 0 + 1800, cache_creation: 1200 + 120 };
    expect(sumReaderUsage(lines)).toEqual(expected);
    const fromServer = server.sent.reduce((sum, sent) => sum + (sent.usage?.input_tokens ?? 0), 0);
    expect(fromServer).toBe(expected.input);
    const wire = { input_tokens: 2050, output_tokens: 68, cache_read_input_tokens: 1800, cache_creation_input_tokens: 1320 };
    expect(outcome.usage).toEqual(wire);
    expect(events.at(-1)?.usage).toEqual(wire);
    expect(events.at(-1)?.modelUsage).toEqual({
      'claude-test': { inputTokens: 2050, outputTokens: 68, cacheReadInputTokens: 1800, cacheCreationInputTokens: 1320 },
    });
  });

  it('refuses writes outside cwd (.., an absolute path, a symlink) with is_error results, and writes nothing there', async () => {
    const steps = [
      toolStep('Write', { file_path: '{{cwd}}/../escape.txt', content: 'x' }),
      toolStep('Write', { file_path: '/etc/scripted-agent-escape-test.txt', content: 'x' }),
      toolStep('Write', { file_path: '{{cwd}}/link/inside.txt', content: 'x' }),
      toolStep('Read', { file_path: '{{cwd}}/../outside/secret.txt' }),
      { type: 'text' as const, text: 'Gave up.' },
    ];
    const { server, root, cwd } = await setUp({ step_by: 'tool_results', steps });
    cleanups.push(() => rmSync('/etc/scripted-agent-escape-test.txt', { force: true })); // only there if the refusal failed
    mkdirSync(join(root, 'outside'));
    symlinkSync(join(root, 'outside'), join(cwd, 'link'));
    const { outcome, events } = await runAgent(server.url, cwd);
    expect(outcome.exitCode).toBe(0);
    const results = events
      .filter((event) => event.type === 'user')
      .map((event) => (event.message as { content: Array<{ is_error?: boolean; content: string }> }).content[0]);
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(result?.is_error).toBe(true);
      expect(result?.content).toMatch(/expected a path inside the working directory/);
    }
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
    expect(existsSync('/etc/scripted-agent-escape-test.txt')).toBe(false);
    expect(existsSync(join(root, 'outside', 'inside.txt'))).toBe(false);
  });

  it('writes nested folders, edits and reads files inside cwd, and reports a failed edit as is_error', async () => {
    const steps = [
      toolStep('Write', { file_path: '{{cwd}}/src/deep/a.txt', content: 'one two\n' }),
      toolStep('Edit', { file_path: '{{cwd}}/src/deep/a.txt', old_string: 'two', new_string: 'three' }),
      toolStep('Edit', { file_path: '{{cwd}}/src/deep/a.txt', old_string: 'missing', new_string: 'x' }),
      toolStep('Read', { file_path: 'src/deep/a.txt' }),
      toolStep('Delete', { file_path: '{{cwd}}/src/deep/a.txt' }),
      { type: 'text' as const, text: 'Done.' },
    ];
    const { server, cwd } = await setUp({ step_by: 'tool_results', steps });
    const { outcome, events } = await runAgent(server.url, cwd);
    expect(outcome).toMatchObject({ exitCode: 0, numTurns: 6, result: 'Done.' });
    expect(readFileSync(join(cwd, 'src/deep/a.txt'), 'utf8')).toBe('one three\n');
    const results = events
      .filter((event) => event.type === 'user')
      .map((event) => (event.message as { content: Array<{ is_error?: boolean; content: string }> }).content[0]);
    expect(results.map((result) => result?.is_error ?? false)).toEqual([false, false, true, false, true]);
    expect(results[2]?.content).toMatch(/expected old_string to occur exactly once .* got 0 occurrences/);
    expect(results[3]?.content).toBe('one three\n');
    expect(results[4]?.content).toMatch(/expected one of the tools Write, Read, Edit, got "Delete"/);
  });

  it('retries an overloaded (529) answer and then succeeds', async () => {
    const { server, cwd } = await setUp('flaky');
    const started = Date.now();
    const { outcome, lines } = await runAgent(server.url, cwd);
    expect(outcome).toMatchObject({ exitCode: 0, subtype: 'success', numTurns: 1, result: 'Recovered after an overloaded answer.' });
    expect(server.sent.map((sent) => sent.status)).toEqual([529, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100); // the first backoff
    expect(sumReaderUsage(lines)).toEqual({
      input: outcome.usage.input_tokens,
      output: outcome.usage.output_tokens,
      cache_read: outcome.usage.cache_read_input_tokens,
      cache_creation: outcome.usage.cache_creation_input_tokens,
    });
  });

  it('gives up after 3 retries of a 529, and does not retry a 400', async () => {
    const overloaded = await setUp({ steps: [{ type: 'error', status: 529 }] });
    const first = await runAgent(overloaded.server.url, overloaded.cwd, { retryDelaysMs: [1, 1, 1] });
    expect(first.outcome).toMatchObject({ exitCode: 1, subtype: 'error_during_execution' });
    expect(first.outcome.result).toMatch(/expected 200, got 529 after 3 retries/);
    expect(overloaded.server.received).toBe(4);
    const bad = await setUp({ steps: [{ type: 'error', status: 400, message: 'bad request body' }] });
    const second = await runAgent(bad.server.url, bad.cwd);
    expect(second.outcome.result).toMatch(/expected 200, got 400 \(.*bad request body\)/);
    expect(bad.server.received).toBe(1);
    expect(second.events.at(-1)).toMatchObject({ type: 'result', is_error: true, num_turns: 0 });
  });

  it('ends with is_error when the server is down', async () => {
    const { server, cwd } = await setUp('hello');
    await server.close();
    const { outcome, events } = await runAgent(server.url, cwd);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.result).toMatch(/ECONNREFUSED/);
    expect(events.at(-1)).toMatchObject({
      type: 'result',
      subtype: 'error_during_execution',
      is_error: true,
      usage: { input_tokens: 0, output_tokens: 0 },
    });
  });

  it('ends with an error on a cut stream, still counting the usage message_start reported', async () => {
    const { server, cwd } = await setUp({
      steps: [{ type: 'disconnect', text: 'partial answer', after_events: 3, usage: { input_tokens: 500, output_tokens: 40 } }],
    });
    const { outcome, lines } = await runAgent(server.url, cwd);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.result).toMatch(/expected a complete stream|expected the stream to end with message_stop/);
    expect(outcome.usage.input_tokens).toBe(500);
    expect(sumReaderUsage(lines).input).toBe(500);
    expect(server.received).toBe(1);
  });

  it('ends with an error on an error event inside the stream', async () => {
    const { server, cwd } = await setUp({ steps: [{ type: 'error', status: 529, mid_stream: true }] });
    const { outcome } = await runAgent(server.url, cwd);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.result).toMatch(/got an error event in the stream \(overloaded_error/);
  });

  it('stops after maxTurns with error_max_turns', async () => {
    const { server, cwd } = await setUp({ steps: [toolStep('Write', { file_path: '{{cwd}}/again.txt', content: 'x' })] });
    const { outcome, lines, events } = await runAgent(server.url, cwd, { maxTurns: 2 });
    expect(outcome).toMatchObject({ exitCode: 1, subtype: 'error_max_turns', numTurns: 2 });
    expect(events.at(-1)).toMatchObject({
      type: 'result',
      subtype: 'error_max_turns',
      is_error: true,
      num_turns: 2,
      usage: { input_tokens: 20, output_tokens: 10 },
    });
    expect(sumReaderUsage(lines)).toMatchObject({ input: 20, output: 10 });
    expect(server.received).toBe(2);
  });

  it('stops cleanly when aborted mid-stream', async () => {
    const { server, cwd } = await setUp('long');
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error('received SIGTERM')), 150);
    const started = Date.now();
    const { outcome, events } = await runAgent(server.url, cwd, { signal: stop.signal });
    expect(Date.now() - started).toBeLessThan(2000); // the long answer takes about 3 s
    expect(outcome).toMatchObject({ exitCode: 1, subtype: 'error_during_execution' });
    expect(outcome.result).toMatch(/received SIGTERM/);
    expect(events.at(-1)).toMatchObject({ type: 'result', is_error: true });
  });
});
