// The scripted agent's loop: ask the model, apply its tool calls inside cwd, send the results back, until it is done.
import { randomUUID } from 'node:crypto';
import type { AgentConfig } from './agent-config.js';
import { AGENT_TOOLS, buildSystemPrompt } from './agent-tools.js';
import { applyToolCall, type ToolCall, type ToolResultBlock } from './apply-tool-call.js';
import type { AnswerBlock, ModelAnswer } from './assemble-message.js';
import { requestModelAnswer, RETRY_DELAYS_MS } from './request-model-answer.js';
import { buildAssistantLine, buildInitLine, buildResultLine, buildToolResultsLine, type ResultSubtype } from './stream-json-lines.js';
import { addTokenUsage, zeroUsage, type TokenUsage } from './token-usage.js';

export interface AgentIo {
  /** Gets each stream-json line (one JSON object, no newline). */
  writeLine(line: string): void;
  /** Aborting it (SIGTERM) cuts the request in flight and ends the run as an error. */
  signal?: AbortSignal;
  /** Waits before the 1st, 2nd, 3rd retry of an overloaded answer; 100, 200, 400 ms by default. */
  retryDelaysMs?: readonly number[];
  sessionId?: string;
}

export interface AgentRunResult {
  /** 0 when the model finished, 1 otherwise. */
  exitCode: 0 | 1;
  subtype: ResultSubtype;
  numTurns: number;
  /** The sum over every answer the server sent (a broken one included, as far as it got). */
  usage: TokenUsage;
  /** The model's last text, or what went wrong. */
  result: string;
}

type Message = { role: 'user'; content: string | ToolResultBlock[] } | { role: 'assistant'; content: AnswerBlock[] };

export async function runScriptedAgent(config: AgentConfig, io: AgentIo): Promise<AgentRunResult> {
  const sessionId = io.sessionId ?? randomUUID();
  const startedAt = Date.now();
  const emit = (value: Record<string, unknown>): void => io.writeLine(JSON.stringify(value));
  const headers = {
    ...config.headers,
    // Claude Code sends its session id on every API request (X-Claude-Code-Session-Id, 2.1.329); the proxy records it.
    'x-claude-code-session-id': sessionId,
    'anthropic-version': '2023-06-01',
    'x-api-key': config.apiKey,
    'content-type': 'application/json',
    accept: 'text/event-stream',
  };
  const system = buildSystemPrompt(config.cwd);
  const messages: Message[] = [{ role: 'user', content: config.prompt }];
  const usageByModel = new Map<string, TokenUsage>();
  const messageIds = new Set<string>();
  let usage = zeroUsage();
  let apiMs = 0;
  let numTurns = 0;
  let lastText = '';

  const count = (model: string, answerUsage: TokenUsage): void => {
    usage = addTokenUsage(usage, answerUsage);
    usageByModel.set(model, addTokenUsage(usageByModel.get(model) ?? zeroUsage(), answerUsage));
  };
  const finish = (subtype: ResultSubtype, result: string): AgentRunResult => {
    emit(
      buildResultLine(sessionId, {
        subtype,
        numTurns,
        durationMs: Date.now() - startedAt,
        durationApiMs: apiMs,
        usage,
        usageByModel,
        result,
      }),
    );
    return { exitCode: subtype === 'success' ? 0 : 1, subtype, numTurns, usage, result };
  };

  emit(buildInitLine(sessionId, config.model, config.cwd));
  if (config.subagentModel) {
    // A sub-agent's one-shot request (Claude Code gives such work to its haiku tier): its usage counts, its text is not used.
    const sub = await requestModelAnswer(
      {
        url: `${config.baseUrl}/v1/messages`,
        headers: { ...headers, 'x-tracker-command': 'subagent' },
        body: {
          model: config.subagentModel,
          max_tokens: 512,
          messages: [
            {
              role: 'user',
              content: `Summarize in one sentence what this change asks for:\n${config.prompt.replace(/^Task id:.*$/m, '')}`,
            },
          ],
          stream: true,
        },
        signal: io.signal,
      },
      io.retryDelaysMs ?? RETRY_DELAYS_MS,
    );
    count(sub.ok ? (sub.answer.model ?? config.subagentModel) : config.subagentModel, sub.ok ? sub.answer.usage : sub.usage);
    if (!sub.ok) return finish('error_during_execution', `sub-agent request: ${sub.error.toLine()}`);
  }
  for (;;) {
    if (io.signal?.aborted) return finish('error_during_execution', `stopped: ${describeReason(io.signal)}`);
    if (numTurns >= config.maxTurns)
      return finish('error_max_turns', `expected the model to finish within ${config.maxTurns} turns, got tool calls still coming`);
    const requestStart = Date.now();
    const outcome = await requestModelAnswer(
      {
        url: `${config.baseUrl}/v1/messages`,
        headers,
        body: { model: config.model, max_tokens: config.maxTokens, system, tools: AGENT_TOOLS, messages, stream: true },
        signal: io.signal,
      },
      io.retryDelaysMs ?? RETRY_DELAYS_MS,
    );
    apiMs += Date.now() - requestStart;
    if (!outcome.ok) {
      count(config.model, outcome.usage);
      return finish('error_during_execution', outcome.error.toLine());
    }
    numTurns += 1;
    const answer = outcome.answer;
    const model = answer.model ?? config.model;
    count(model, answer.usage);
    emit(buildAssistantLine(sessionId, pickMessageId(answer, numTurns, messageIds), model, answer));
    const text = answer.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
    if (text !== '') lastText = text;
    const calls = answer.content.filter((block): block is ToolCall & AnswerBlock & { type: 'tool_use' } => block.type === 'tool_use');
    if (answer.stopReason === 'end_turn' || calls.length === 0) return finish('success', lastText);
    messages.push({ role: 'assistant', content: answer.content });
    const results: ToolResultBlock[] = [];
    for (const call of calls) results.push(await applyToolCall(config.cwd, call));
    emit(buildToolResultsLine(sessionId, results));
    messages.push({ role: 'user', content: results });
  }
}

/** The server's message id, unless missing or already used (readers total usage per id, so ids must not repeat). */
function pickMessageId(answer: ModelAnswer, turn: number, used: Set<string>): string {
  let id = answer.id ?? `msg_scripted_agent_${turn}`;
  if (used.has(id)) id = `${id}_turn${turn}`;
  used.add(id);
  return id;
}

function describeReason(signal: AbortSignal): string {
  if (signal.reason instanceof Error) return signal.reason.message;
  return typeof signal.reason === 'string' ? signal.reason : 'aborted';
}
