// Scripts the server knows by name (hello, write-file, flaky, long, bench), and how a name or a file becomes a script.
import { existsSync } from 'node:fs';
import { AppError } from '../kernel/index.js';
import { loadScript, parseScript } from './load-script.js';
import type { Script, ScriptInput } from './script-schema.js';

/** The usage the fixture servers report: ccusage and the real clients were checked against these. */
const FIXTURE_USAGE = { input_tokens: 1500, output_tokens: 12, cache_read_input_tokens: 700, cache_creation_input_tokens: 300 };

const BENCH_TEXT =
  'The scripted server streams this answer in many small events so that a benchmark sees a long stream: ' +
  'each delta is a separate SSE event, the usage arrives at the start and again at the end, and a proxy ' +
  'between client and server has to pass every chunk along without holding it back or losing a byte of it.';

const WRITTEN_TEXT = 'hello from the scripted server\n';

/** About 8,000 characters: 2,000 tokens at the usual 4 characters a token. */
const LONG_TEXT = Array.from({ length: 100 }, (_, i) =>
  `Paragraph ${String(i + 1).padStart(3, '0')} of a long answer that keeps going on. `.padEnd(80, '.'),
).join('');

export const BUILTIN_SCRIPTS: Record<string, ScriptInput> = {
  hello: {
    name: 'hello',
    description: 'one text answer with fixed usage',
    steps: [{ type: 'text', text: 'Hello from the scripted server.', usage: FIXTURE_USAGE }],
  },
  'write-file': {
    name: 'write-file',
    description: 'a tool loop: write hello.txt (Claude Code Write, Codex exec_command), then say it is done once the tool result is back',
    step_by: 'tool_results',
    steps: [
      {
        type: 'tool_use',
        text: 'I will create hello.txt.',
        name: 'Write',
        input: { file_path: '{{cwd}}/hello.txt', content: WRITTEN_TEXT },
        responses: { name: 'exec_command', input: { cmd: `printf '${WRITTEN_TEXT.replace('\n', '\\n')}' > hello.txt` } },
        usage: { input_tokens: 1800, output_tokens: 60, cache_read_input_tokens: 0, cache_creation_input_tokens: 1200 },
      },
      {
        type: 'text',
        text: 'I created hello.txt.',
        usage: { input_tokens: 250, output_tokens: 8, cache_read_input_tokens: 1800, cache_creation_input_tokens: 120 },
      },
    ],
  },
  flaky: {
    name: 'flaky',
    description: 'the first request is overloaded (529), every later one succeeds',
    steps: [
      { type: 'error', status: 529 },
      { type: 'text', text: 'Recovered after an overloaded answer.', usage: FIXTURE_USAGE },
    ],
  },
  long: {
    name: 'long',
    description: 'a long text answer, about 2,000 output tokens in 200 deltas 15 ms apart (a real model pace): what budget tests cut short',
    steps: [
      {
        type: 'text',
        text: LONG_TEXT,
        events: 200,
        chunk_delay_ms: 15,
        usage: { input_tokens: 1200, output_tokens: 2000, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
      },
    ],
  },
  bench: {
    name: 'bench',
    description: 'a long text answer in 60 SSE deltas',
    steps: [
      {
        type: 'text',
        text: BENCH_TEXT,
        events: 60,
        usage: { input_tokens: 4000, output_tokens: 90, cache_read_input_tokens: 12000, cache_creation_input_tokens: 500 },
      },
    ],
  },
};

export const BUILTIN_SCRIPT_NAMES = Object.keys(BUILTIN_SCRIPTS);

export function getBuiltinScript(name: string): Script | null {
  const input = BUILTIN_SCRIPTS[name];
  return input === undefined ? null : parseScript(input, `built-in script ${name}`);
}

/** A built-in name, else a path to a script JSON file. */
export function resolveScript(nameOrPath: string): Script {
  const builtin = getBuiltinScript(nameOrPath);
  if (builtin) return builtin;
  if (!existsSync(nameOrPath) && !/[/\\.]/.test(nameOrPath)) {
    throw new AppError(
      'NOT_FOUND',
      `unknown script ${JSON.stringify(nameOrPath)}: expected one of ${BUILTIN_SCRIPT_NAMES.join(', ')} or a path to a script JSON file`,
      { where: '--script' },
    );
  }
  return loadScript(nameOrPath);
}
