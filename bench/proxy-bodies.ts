// Request bodies and headers for the proxy bench: a short streaming request, and an ~85 KB one shaped like Claude Code's.

export interface BenchRequest {
  label: string;
  body: Buffer;
  headers: Record<string, string>;
}

const MODEL = 'claude-sonnet-4-5-20250929';
const TOOL_NAMES = [
  'Task',
  'Bash',
  'Glob',
  'Grep',
  'ExitPlanMode',
  'Read',
  'Edit',
  'MultiEdit',
  'Write',
  'NotebookEdit',
  'WebFetch',
  'TodoWrite',
  'WebSearch',
  'BashOutput',
  'KillShell',
  'Skill',
  'SlashCommand',
];
const WORDS = (
  'the tool file path user command output must should never always when use this that with read edit write search ' +
  'code project test run result error line content directory working branch commit change task agent answer "quoted" \\n'
).split(' ');

/** Claude Code's headers (claude-cli over the Stainless SDK), with a made-up token. */
export function buildClientHeaders(bodyLength: number): Record<string, string> {
  return {
    accept: 'application/json',
    'anthropic-beta': 'oauth-2025-04-20,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14',
    'anthropic-dangerous-direct-browser-access': 'true',
    'anthropic-version': '2023-06-01',
    authorization: 'Bearer sk-ant-oat01-bench-not-a-real-token',
    'content-type': 'application/json',
    'content-length': String(bodyLength),
    'user-agent': 'claude-cli/2.1.329 (external, cli)',
    'x-app': 'cli',
    'x-claude-code-session-id': '3f1e0c2a-5b7d-4c9e-8a61-2d4f6b8e0a13',
    'x-stainless-arch': 'x64',
    'x-stainless-helper-method': 'stream',
    'x-stainless-lang': 'js',
    'x-stainless-os': 'Linux',
    'x-stainless-package-version': '0.68.0',
    'x-stainless-retry-count': '0',
    'x-stainless-runtime': 'node',
    'x-stainless-runtime-version': 'v20.20.2',
    'x-stainless-timeout': '600',
  };
}

export function buildSmallRequest(): BenchRequest {
  const body = Buffer.from(
    JSON.stringify({
      model: MODEL,
      max_tokens: 1024,
      stream: true,
      messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
    }),
  );
  return { label: 'small', body, headers: buildClientHeaders(body.length) };
}

/** Key order as Claude Code sends it: model, messages, system, tools, metadata, max_tokens, stream. */
export function buildClaudeCodeRequest(targetBytes = 85_000): BenchRequest {
  const build = (promptChars: number): string =>
    JSON.stringify({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: `<system-reminder>\nAs you answer the user's questions, you can use the following context:\n${generateProse(6_000, 7)}\n</system-reminder>`,
            },
            {
              type: 'text',
              text: 'Find where the ledger appends rows and add a test for the lock timeout.',
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: "I'll look at the append path first." },
            {
              type: 'tool_use',
              id: 'toolu_01BenchRead000000000001',
              name: 'Read',
              input: { file_path: '/work/project/ledger/append-rows.ts' },
            },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_01BenchRead000000000001', content: generateProse(5_000, 11) }],
        },
      ],
      system: [
        { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: 'ephemeral' } },
        { type: 'text', text: generateProse(promptChars, 3), cache_control: { type: 'ephemeral' } },
      ],
      tools: TOOL_NAMES.map(buildTool),
      metadata: {
        user_id:
          'user_0f3c9a7e5b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a_account__session_3f1e0c2a-5b7d-4c9e-8a61-2d4f6b8e0a13',
      },
      max_tokens: 32_000,
      stream: true,
    });
  // Escaped quotes and newlines make the JSON longer than the text: a second pass takes the overshoot back.
  let promptChars = Math.max(0, targetBytes - Buffer.byteLength(build(0)));
  promptChars -= Buffer.byteLength(build(promptChars)) - targetBytes;
  const body = Buffer.from(build(Math.max(0, promptChars)));
  return { label: '85 KB', body, headers: buildClientHeaders(body.length) };
}

function buildTool(name: string, index: number): Record<string, unknown> {
  return {
    name,
    description: generateProse(1_800, 100 + index),
    input_schema: {
      type: 'object',
      properties: {
        [`${name.toLowerCase()}_target`]: { type: 'string', description: generateProse(160, 200 + index) },
        description: { type: 'string', description: 'A short description of what this call does, in five to ten words.' },
        timeout: { type: 'number', description: 'Optional timeout in milliseconds (max 600000).' },
        options: {
          type: 'array',
          items: {
            type: 'object',
            properties: { key: { type: 'string' }, value: { type: 'string' } },
            required: ['key'],
            additionalProperties: false,
          },
        },
      },
      required: [`${name.toLowerCase()}_target`],
      additionalProperties: false,
      $schema: 'http://json-schema.org/draft-07/schema#',
    },
  };
}

/** Deterministic text of about `chars` characters, with quotes and newlines (JSON escapes) like a real prompt. */
function generateProse(chars: number, seed: number): string {
  let state = seed;
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const word = WORDS[state % WORDS.length] ?? 'word';
    const text = word === '\\n' ? '\n' : word;
    parts.push(text);
    length += text.length + 1;
  }
  return parts.join(' ').slice(0, chars);
}
