// Steps of features/e2e/mcp.feature: the real Claude Code, configured by `claude mcp add`, calls `tracker mcp`'s usage tool.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { writeMonthOfUse } from '../cli/mcp/test-fixtures/write-month-of-use.js';
import {
  assertLoopbackOnly,
  claudeArgs,
  claudeEnv,
  clientPath,
  finishClient,
  freshRepo,
  lastRun,
  listFiles,
  startClient,
} from './e2e-clients.js';
import { labOf } from './proxy-lab.js';
import { TRACKER_BIN, type TrackerWorld } from './world.js';

type Row = Record<string, unknown>;

/** Per scenario: the MCP server's data dir, its files' digests before Claude Code ran, and the model requests' bodies. */
interface McpBench {
  ledger: string;
  before: Map<string, string> | null;
  bodies: string[];
}

const benches = new WeakMap<TrackerWorld, McpBench>();

function benchOf(world: TrackerWorld): McpBench {
  const bench = benches.get(world);
  if (!bench) throw new Error('no MCP data dir in this scenario yet');
  return bench;
}

/** Every file under a folder, by relative path, with the sha256 of its bytes: what "wrote nothing" is checked against. */
function digestFiles(dir: string): Map<string, string> {
  const digests = new Map<string, string>();
  for (const file of listFiles(dir).sort()) {
    if (statSync(file).isFile()) digests.set(relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
  }
  return digests;
}

/**
 * Passes each request on to `upstream` unchanged and keeps its body: the scripted server records what it answered,
 * not what it was sent, and the tool's answer reaches the model only inside the next request's body.
 */
async function startRecorder(world: TrackerWorld, upstream: string, bodies: string[]): Promise<string> {
  const to = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if ((req.url ?? '').startsWith('/v1/messages') && !(req.url ?? '').includes('count_tokens')) bodies.push(body.toString('utf8'));
      const forward = httpRequest(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  world.addStop(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The text of every tool_result block in a Messages request body (a string, or text blocks). */
function readToolResults(body: string): { text: string; isError: boolean }[] {
  const request = JSON.parse(body) as { messages?: { content?: unknown }[] };
  return (request.messages ?? []).flatMap((message) =>
    Array.isArray(message.content)
      ? (message.content as Row[])
          .filter((block) => block.type === 'tool_result')
          .map((block) => ({
            isError: block.is_error === true,
            text:
              typeof block.content === 'string'
                ? block.content
                : ((block.content as Row[] | undefined) ?? []).map((part) => (typeof part.text === 'string' ? part.text : '')).join(''),
          }))
      : [],
  );
}

Given('a data dir {string} holding four weeks of Claude use through the proxy', function (this: TrackerWorld, name: string) {
  const ledger = join(this.workDir, name);
  writeMonthOfUse(ledger);
  benches.set(this, { ledger, before: null, bodies: [] });
});

Given(
  'the real claude client has {string} added by `claude mcp add --scope user` as `tracker mcp --data-dir {word}`',
  async function (this: TrackerWorld, server: string, name: string) {
    assertLoopbackOnly();
    const ledger = join(this.workDir, name);
    const args = ['mcp', 'add', '--scope', 'user', server, '--', process.execPath, TRACKER_BIN, 'mcp', '--data-dir', ledger];
    const added = await execa(clientPath('claude'), args, {
      env: claudeEnv(this, 'http://127.0.0.1:9', {}),
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
    });
    assert.equal(added.exitCode, 0, `claude ${args.join(' ')} exited ${added.exitCode}:\n${String(added.stderr)}${String(added.stdout)}`);
  },
);

Given(
  'a scripted model server {string} whose first answer calls {string} with {string}, then says {string}',
  async function (this: TrackerWorld, name: string, tool: string, input: string, text: string) {
    await labOf(this).startScripted(name, 'hello', {
      name: 'mcp-tool-call',
      steps: [
        { type: 'tool_use', name: tool, input: JSON.parse(input) },
        { type: 'text', text },
      ],
    });
  },
);

When(
  'the real claude client runs {string} at {string}, allowing {string}',
  { timeout: 180_000 },
  async function (this: TrackerWorld, prompt: string, name: string, tool: string) {
    const bench = benchOf(this);
    const url = await startRecorder(this, labOf(this).urlOf(name), bench.bodies);
    const cwd = await freshRepo(this, 'claude-mcp');
    bench.before = digestFiles(bench.ledger);
    const child = startClient(this, 'claude', claudeArgs(prompt, ['--allowedTools', tool]), claudeEnv(this, url, {}), cwd);
    await finishClient(this, 'claude', 'E2E-MCP', cwd, child);
  },
);

Then('the real claude client loaded the MCP tool {string}', function (this: TrackerWorld, tool: string) {
  const init = lastRun(this, 'claude').events.find((event) => event.type === 'system' && event.subtype === 'init');
  assert.ok(init, 'the real claude printed no init line');
  assert.ok((init.tools as string[] | undefined)?.includes(tool), `${tool} is not among claude's tools: ${JSON.stringify(init.tools)}`);
  const first = benchOf(this).bodies[0] ?? '';
  assert.ok(first.includes(tool), `the first model request does not name ${tool}`);
});

Then(
  "the model's second request carries the tool's answer: {string}'s tokens equal those of `tracker usage --json` on {word}",
  async function (this: TrackerWorld, provider: string, name: string) {
    const bodies = benchOf(this).bodies;
    assert.equal(bodies.length, 2, `the model server got ${bodies.length} model requests (expected the call and the answer)`);
    const results = readToolResults(bodies[1] ?? '{}');
    assert.equal(results.length, 1, `the second request holds ${results.length} tool results`);
    const result = results[0] as { text: string; isError: boolean };
    assert.equal(result.isError, false, `the tool call failed: ${result.text.slice(0, 500)}`);
    const answer = JSON.parse(result.text) as { by: string; rows: Row[] };
    const row = answer.rows.find((candidate) => candidate.provider === provider);
    assert.ok(row, `the tool's answer has no row for ${provider}: ${result.text.slice(0, 500)}`);
    const cli = await this.runTracker(['usage', '--json', '--data-dir', join(this.workDir, name)]);
    assert.equal(cli.exitCode, 0, cli.stderr);
    const days = (JSON.parse(cli.stdout) as { rows: Row[] }).rows.filter((day) => day.provider === provider);
    const sum = (field: string) => days.reduce((total, day) => total + (day[field] as number), 0);
    assert.ok(sum('total') > 0, `tracker usage --json shows no ${provider} tokens`);
    for (const field of ['input', 'output', 'total'])
      assert.equal(row[field], sum(field), `${provider}'s ${field}: the tool said ${row[field]}, tracker usage --json ${sum(field)}`);
  },
);

Then('the data dir {word} holds the same files and bytes as before claude ran', function (this: TrackerWorld, name: string) {
  const bench = benchOf(this);
  assert.equal(join(this.workDir, name), bench.ledger);
  assert.ok(bench.before, 'the data dir was not noted before claude ran');
  assert.deepEqual(Object.fromEntries(digestFiles(bench.ledger)), Object.fromEntries(bench.before));
});
