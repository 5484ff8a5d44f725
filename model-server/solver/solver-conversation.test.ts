// The solver over HTTP: a real scripted server walks Messages, Responses and Gemini conversations through a temp task bank.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getBuiltinScript } from '../builtin-scripts.js';
import { startScriptedServer, type ScriptedServer } from '../start-scripted-server.js';
import { makeTaskBank, TEMP_BANK_FILES, TRICKY_CONTENT } from './test-fixtures/make-task-bank.js';
import {
  CWD,
  geminiBody,
  messagesBody,
  readAnthropicStream,
  readCompleted,
  readGeminiStream,
  responsesBody,
} from './test-fixtures/solver-http.js';

const bank = makeTaskBank();
const TWO_FILES = ['src/lib/deep/a.js', 'src/main.js'];
let server: ScriptedServer | null = null;
const logLines: string[] = [];

afterEach(async () => {
  await server?.close();
  server = null;
  logLines.length = 0;
});
afterAll(() => rmSync(bank, { recursive: true, force: true }));

async function start(): Promise<ScriptedServer> {
  server = await startScriptedServer({
    script: getBuiltinScript('hello')!,
    solver: { tasksDir: bank },
    cwd: '/server/cwd',
    log: (line) => logLines.push(line),
  });
  return server;
}

async function post(path: string, body: Record<string, unknown>): Promise<{ response: Response; text: string }> {
  const response = await fetch(`${server!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { response, text: await response.text() };
}

describe('solver over the Messages API (Claude Code Write)', () => {
  it('writes each solution file in order, one Write per round, then ends the turn with the summary', async () => {
    await start();
    const prompt = 'Solve this.\nTask id: two-files\n\n# spec';
    for (const [round, rel] of TWO_FILES.entries()) {
      const answer = readAnthropicStream((await post('/v1/messages?beta=true', messagesBody('claude-sonnet-4-5', prompt, round))).text);
      expect(answer.stopReason).toBe('tool_use');
      expect(answer.toolName).toBe('Write');
      expect(answer.input).toEqual({ file_path: `${CWD}/${rel}`, content: TEMP_BANK_FILES['two-files']![rel] });
    }
    const last = readAnthropicStream((await post('/v1/messages', messagesBody('claude-sonnet-4-5', prompt, 2))).text);
    expect(last).toMatchObject({ toolName: null, input: null, stopReason: 'end_turn', text: 'Implemented two-files: wrote 2 files.' });
    expect(server!.sent.map((record) => [record.step_index, record.step_type, record.tool_rounds])).toEqual([
      [0, 'tool_use', 0],
      [1, 'tool_use', 1],
      [2, 'text', 2],
    ]);
  });

  it('reads a file the fixture already has before writing it (Claude Code refuses to overwrite an unread file)', async () => {
    await start();
    const prompt = 'Task id: replaces-fixture';
    const calls = [];
    for (let round = 0; round < 3; round += 1)
      calls.push(readAnthropicStream((await post('/v1/messages', messagesBody('claude-sonnet-4-5', prompt, round))).text));
    expect(calls.map((call) => [call.toolName, call.input])).toEqual([
      ['Read', { file_path: `${CWD}/src/stub.js` }],
      ['Write', { file_path: `${CWD}/src/stub.js`, content: 'export const done = true;\n' }],
      [null, null],
    ]);
    // A Responses client writes with one shell command: no read round.
    const codex = readCompleted((await post('/v1/responses', responsesBody('gpt-5-codex', prompt, 1))).text);
    expect(JSON.stringify(codex.output)).toContain('Implemented replaces-fixture');
  });

  it('answers a non-streaming request with the same Write, and falls back to the server cwd when the prompt names none', async () => {
    await start();
    const body = { model: 'claude-x', messages: [{ role: 'user', content: 'Task id: one-file' }] };
    const { response, text } = await post('/v1/messages', body);
    const message = JSON.parse(text) as { content: { type: string; name?: string; input?: unknown }[]; stop_reason: string };
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'Write',
      input: { file_path: '/server/cwd/index.js', content: 'module.exports = 42;\n' },
    });
  });

  it('answers a request without a task id, or with an unknown one, with a final text and a log line', async () => {
    await start();
    const missing = await post('/v1/messages', messagesBody('claude-x', 'no id here', 0));
    expect(missing.response.status).toBe(200);
    expect(readAnthropicStream(missing.text)).toMatchObject({
      toolName: null,
      stopReason: 'end_turn',
      text: expect.stringContaining('No task id found'),
    });
    const unknown = await post('/v1/messages', messagesBody('claude-x', 'Task id: no-such-task', 0));
    expect(readAnthropicStream(unknown.text)).toMatchObject({
      toolName: null,
      stopReason: 'end_turn',
      text: expect.stringContaining('Unknown task no-such-task'),
    });
    expect(logLines.filter((line) => line.includes('solver:'))).toEqual([
      expect.stringContaining('no "Task id: <id>" line'),
      expect.stringContaining('task no-such-task has no folder'),
    ]);
  });

  it('still lets the script answer the side routes', async () => {
    await start();
    const { text } = await post('/v1/messages/count_tokens', { model: 'claude-x', messages: [] });
    expect(JSON.parse(text)).toHaveProperty('input_tokens');
    expect((await fetch(`${server!.url}/v1/models`)).status).toBe(200);
  });
});

describe('solver over the Responses API (Codex exec_command)', () => {
  it('sends commands that rebuild every file byte for byte when bash runs them, then a completed summary', async () => {
    await start();
    const workdir = mkdtempSync(join(tmpdir(), 'solver-run-'));
    try {
      const prompt = 'Task id: two-files';
      for (const [round, rel] of TWO_FILES.entries()) {
        const response = readCompleted((await post('/v1/responses', responsesBody('gpt-5-codex', prompt, round, workdir))).text);
        const call = (response.output as Record<string, unknown>[]).find((item) => item.type === 'function_call');
        expect(call?.name).toBe('exec_command');
        const args = JSON.parse(String(call?.arguments)) as { cmd: string; workdir: string };
        expect(args.workdir).toBe(workdir);
        execFileSync('bash', ['-c', args.cmd], { cwd: workdir });
        expect(readFileSync(join(workdir, rel), 'utf8')).toBe(TEMP_BANK_FILES['two-files']![rel]);
      }
      expect(readFileSync(join(workdir, 'src/lib/deep/a.js'), 'utf8')).toBe(TRICKY_CONTENT);
      const last = readCompleted((await post('/v1/responses', responsesBody('gpt-5-codex', prompt, 2, workdir))).text);
      expect(last.status).toBe('completed');
      expect(last.output).toEqual([
        expect.objectContaining({ type: 'message', content: [expect.objectContaining({ text: 'Implemented two-files: wrote 2 files.' })] }),
      ]);
    } finally {
      rmSync(workdir, { recursive: true, force: true });
    }
  });
});

describe('solver over the Gemini API (Gemini CLI write_file)', () => {
  it('writes each solution file with write_file, one per round, then a final text with STOP', async () => {
    await start();
    const prompt = 'Task id: two-files';
    const path = '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse';
    for (const [round, rel] of TWO_FILES.entries()) {
      const answer = readGeminiStream((await post(path, geminiBody(prompt, round))).text);
      expect(answer.call).toEqual({
        name: 'write_file',
        args: { file_path: `${CWD}/${rel}`, content: TEMP_BANK_FILES['two-files']![rel] },
      });
    }
    const last = readGeminiStream((await post(path, geminiBody(prompt, 2))).text);
    expect(last).toEqual({ call: null, text: 'Implemented two-files: wrote 2 files.', finish: 'STOP' });
    expect(server!.sent.map((record) => [record.route, record.step_type, record.tool_rounds])).toEqual([
      ['generate_content', 'tool_use', 0],
      ['generate_content', 'tool_use', 1],
      ['generate_content', 'text', 2],
    ]);
  });
});
