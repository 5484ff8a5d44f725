// What the scripted server needs to know about a model request: model, streaming, tool rounds, working directory, tools.
import { type ProtocolId, readPathModel } from '../ledger/vocabulary/index.js';

/** The protocol a request speaks (ledger/vocabulary/providers.ts: PROTOCOLS). */
export type ModelApi = ProtocolId;

export interface RequestFacts {
  model: string | null;
  stream: boolean;
  /** Tool-result rounds already in the conversation (user turns carrying tool_result, runs of *_call_output items). */
  toolRounds: number;
  /** The client's working directory as its prompt states it (Claude Code and Codex both say it), else null. */
  cwd: string | null;
  /** Names of the tools the request offers. */
  toolNames: string[];
}

/** Reads the facts from a parsed JSON body (and Gemini's path); anything missing or odd-shaped just reads as absent. */
export function inspectRequest(api: ModelApi, body: unknown, rawText: string, path = ''): RequestFacts {
  const record = isRecord(body) ? body : {};
  if (api === 'code-assist') {
    // Code Assist: Gemini's request inside `request`, the model beside it, the method in the path.
    const inner = inspectRequest('gemini-generate-content', record.request, rawText, '/v1beta/models/m:generateContent');
    const model = typeof record.model === 'string' && record.model !== '' ? record.model : null;
    return { ...inner, model, stream: path.includes(':streamGenerateContent') };
  }
  const inPath = readPathModel(api, path);
  if (inPath) {
    const contents = Array.isArray(record.contents) ? record.contents : [];
    return {
      ...inPath,
      toolRounds: countGeminiToolRounds(contents),
      cwd: findWorkingDirectory(rawText),
      toolNames: listGeminiTools(record.tools),
    };
  }
  return {
    model: typeof record.model === 'string' && record.model !== '' ? record.model : null,
    stream: record.stream === true,
    toolRounds: api === 'anthropic-messages' ? countAnthropicToolRounds(record.messages) : countResponsesToolRounds(record.input),
    cwd: findWorkingDirectory(rawText),
    toolNames: listToolNames(record.tools),
  };
}

/** Gemini: a user turn carrying functionResponse parts is one tool round. */
function countGeminiToolRounds(contents: unknown[]): number {
  return contents.filter(
    (content) =>
      isRecord(content) && Array.isArray(content.parts) && content.parts.some((part) => isRecord(part) && isRecord(part.functionResponse)),
  ).length;
}

/** Gemini offers tools as `tools: [{functionDeclarations: [{name, ...}]}]`. */
function listGeminiTools(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => (isRecord(tool) ? listToolNames(tool.functionDeclarations) : []));
}

function countAnthropicToolRounds(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  return messages.filter(
    (message) =>
      isRecord(message) &&
      message.role === 'user' &&
      Array.isArray(message.content) &&
      message.content.some((block) => isRecord(block) && block.type === 'tool_result'),
  ).length;
}

/** Parallel calls come back as several outputs in a row: one run is one round. */
function countResponsesToolRounds(input: unknown): number {
  if (!Array.isArray(input)) return 0;
  let rounds = 0;
  let inRun = false;
  for (const item of input) {
    const isOutput = isRecord(item) && typeof item.type === 'string' && item.type.endsWith('_call_output');
    if (isOutput && !inRun) rounds += 1;
    inRun = isOutput;
  }
  return rounds;
}

// Claude Code, Codex, and Gemini CLI 0.61.0's session context (`- **Workspace Directories:**\n  - /path`, seen on loopback).
const CWD_PATTERNS = [/Primary working directory: ([^\s"\\]+)/, /<cwd>([^<"\\]+)<\/cwd>/, /Workspace Directories:\*\*\\n\s+- ([^\s"\\]+)/];

function findWorkingDirectory(rawText: string): string | null {
  for (const pattern of CWD_PATTERNS) {
    const match = pattern.exec(rawText);
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

function listToolNames(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => (isRecord(tool) && typeof tool.name === 'string' ? [tool.name] : []));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
