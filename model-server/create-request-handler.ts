// The scripted server's request handler: reads the body, picks the step, plans and plays the answer, records it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, escapeControls } from '../kernel/index.js';
import { checkChatgptRequest, planChatgptModels } from './chatgpt-backend.js';
import { inspectRequest, type ModelApi, type RequestFacts } from './inspect-request.js';
import { planResponse, type ResponsePlan } from './plan-response.js';
import { planBadBody, planCountTokens, planModelList, planNotFound } from './plan-side-routes.js';
import { planGeminiQuota } from './quota/plan-gemini-quota.js';
import { planQuotaRead } from './quota/plan-quota-read.js';
import { selectRouteApi } from './route-request.js';
import type { Script } from './script-schema.js';
import { openScriptedExchange, readBody, type ScriptedExchange } from './scripted-exchange.js';
import { createScriptedQuota, SPENT_STEP } from './scripted-quota.js';
import { createStepCounter, selectStep } from './select-step.js';
import type { SentRecord } from './sent-record.js';
import { createSolver, type BarKeeping, type SolverAnswer, type SolverBars } from './solver/index.js';

export interface HandlerState {
  sent: SentRecord[];
  received: number;
  /** The solver's bars, once the handler is made (null without the solver). */
  bars?: SolverBars | null;
}

export interface HandlerOptions {
  script: Script;
  signal: AbortSignal;
  log?: ((line: string) => void) | undefined;
  /** Epoch milliseconds the server started; rate-limit resets are counted from it. */
  startedAt: number;
  cwd: string;
  /** When set, every model request (messages, responses) is answered by the task-aware solver instead of the script. */
  solver?: { tasksDirs: readonly string[]; delegate?: boolean | undefined } | undefined;
  /** Where the solver keeps its bars besides memory (solver-bars.ts), and who is told when it cannot. */
  keeping?: BarKeeping | undefined;
  onProblem?: ((line: string) => void) | undefined;
}

/** What every request of one server shares: the script's place and quota, or the solver. */
interface ServerParts {
  options: HandlerOptions;
  script: Script;
  nextPosition: ReturnType<typeof createStepCounter>;
  scriptedQuota: ReturnType<typeof createScriptedQuota>;
  solver: ReturnType<typeof createSolver> | null;
}

export function createRequestHandler(options: HandlerOptions, state: HandlerState): (req: IncomingMessage, res: ServerResponse) => void {
  const parts = openServerParts(options);
  state.bars = parts.solver?.bars ?? null;
  return (req, res) => {
    state.received += 1;
    const exchange = openScriptedExchange({ sent: state.sent, signal: options.signal, log: options.log }, state.received, req, res);
    readBody(req).then(
      (text) => answerRequest(parts, exchange, text),
      () => res.destroy(),
    );
  };
}

function openServerParts(options: HandlerOptions): ServerParts {
  const { script } = options;
  const solver = options.solver
    ? createSolver({
        tasksDirs: options.solver.tasksDirs,
        startedAt: options.startedAt,
        cwd: options.cwd,
        log: options.log,
        delegate: options.solver.delegate,
        keeping: options.keeping,
      })
    : null;
  const scriptedQuota = createScriptedQuota(script.rate_limits, Math.floor(options.startedAt / 1000));
  return { options, script, nextPosition: createStepCounter(script), scriptedQuota, solver };
}

/** In order: a body too large, a side route, a body that is not JSON, ChatGPT's refusal, then the model's answer. */
function answerRequest(parts: ServerParts, exchange: ScriptedExchange, text: string | null): void {
  const { req, route, requestId, path, play } = exchange;
  const api = selectRouteApi(route);
  if (text === null) return play(planBadBody(api, 413, 'request body is larger than 64 MB', requestId));
  const side = planSideRoute(parts, exchange, text);
  if (side) return play(side);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the bad input: a client printing this must not get terminal escapes of the sender's choosing.
    return play(planBadBody(api, 400, `request body is not valid JSON: ${escapeControls((error as Error).message)}`, requestId));
  }
  const refusal = route === 'chatgpt_responses' ? checkChatgptRequest(req.headers, body, requestId) : null;
  if (refusal) return play(refusal);
  const facts = inspectRequest(api, body, text, path);
  if (parts.solver) return answerBySolver(parts, parts.solver, exchange, api, facts, text);
  answerByScript(parts, exchange, api, facts, text);
}

/** The routes that are not a model's: not found, model lists, token counts, the quota endpoints; null for a model's. */
function planSideRoute(
  { options, script, scriptedQuota, solver }: ServerParts,
  exchange: ScriptedExchange,
  text: string,
): ResponsePlan | null {
  const { req, route, requestId, method, path } = exchange;
  if (route === 'not_found') return planNotFound(method, path, requestId);
  if (route === 'models') return planModelList(script.models, 'anthropic-version' in req.headers || 'x-api-key' in req.headers, requestId);
  if (route === 'chatgpt_models') return planChatgptModels(req.headers, requestId);
  if (route === 'count_tokens') return planCountTokens(script.count_tokens === 'supported', text.length, requestId);
  if (route === 'claude_usage' || route === 'codex_usage' || route === 'glm_quota')
    return planQuotaRead({
      route,
      headers: req.headers,
      bars: solver?.bars ?? null,
      // A script's tiny quota is that API's one account: every credential reads its bars.
      scripted: solver
        ? null
        : scriptedQuota.peek(selectRouteApi(route === 'codex_usage' ? 'responses' : 'messages'), Math.floor(Date.now() / 1000)),
      startedAtMs: options.startedAt,
      nowMs: Date.now(),
      requestId,
    });
  if (route === 'gemini_quota' || route === 'code_assist_load' || route === 'code_assist_experiments')
    return planGeminiQuota({
      route,
      headers: req.headers,
      body: readJson(text),
      bars: solver?.bars ?? null,
      startedAtMs: options.startedAt,
    });
  return null;
}

/** The task-aware solver's answer; one whose charge could not be kept is no answer (the client sees a reset). */
function answerBySolver(
  { options, script }: ServerParts,
  solver: NonNullable<ServerParts['solver']>,
  { seq, requestId, method, path, res, play }: ScriptedExchange,
  api: ModelApi,
  facts: RequestFacts,
  text: string,
): void {
  let answer: SolverAnswer;
  try {
    answer = solver.answer({ api, facts, rawText: text, seq, requestId, usageStyle: script.usage_style, now: new Date() });
  } catch (error) {
    // The charge could not be kept, so no answer may show it: the client (the proxy) sees a reset back end.
    const line = `#${seq} ${method} ${path} not answered: ${error instanceof AppError ? error.toLine() : String(error)}`;
    options.log?.(line);
    options.onProblem?.(line);
    res.destroy();
    return;
  }
  const { plan, turn, step } = answer;
  play(plan, { ...describeFacts(facts), step_index: turn.round, step_type: step.type });
}

/** The script's next step, or its quota's refusal once the scripted window is spent. */
function answerByScript(
  { options, script, scriptedQuota, nextPosition }: ServerParts,
  exchange: ScriptedExchange,
  api: ModelApi,
  facts: RequestFacts,
  text: string,
): void {
  const quota = scriptedQuota.take(api, Math.floor(Date.now() / 1000));
  // A refusal plays no step: the script goes on where it was once the window resets (or the client moves).
  const { index, step } = quota.refused
    ? { index: null, step: quota.refusal ?? SPENT_STEP }
    : selectStep(script, nextPosition(facts.toolRounds));
  const plan = planResponse({
    api,
    step,
    facts,
    seq: exchange.seq,
    requestId: exchange.requestId,
    bodyLength: text.length,
    usageStyle: script.usage_style,
    rateLimitHeaders: quota.headers,
    fallbackCwd: options.cwd,
    now: new Date(),
  });
  exchange.play(plan, { ...describeFacts(facts), step_index: index, step_type: step.type });
}

function describeFacts(facts: RequestFacts): Partial<SentRecord> {
  return { model: facts.model, stream: facts.stream, tool_rounds: facts.toolRounds };
}

/** The body as JSON, or null (Code Assist's quota methods read a field or two and refuse what is missing). */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
