// The scripted server's request handler: reads the body, picks the step, plans and plays the answer, records it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkChatgptRequest, planChatgptModels } from './chatgpt-backend.js';
import { inspectRequest, type ModelApi } from './inspect-request.js';
import { playResponse, type PlayOutcome } from './play-response.js';
import { planResponse, type ResponsePlan } from './plan-response.js';
import { planBadBody, planCountTokens, planModelList, planNotFound } from './plan-side-routes.js';
import { planGeminiQuota } from './quota/plan-gemini-quota.js';
import { planQuotaRead } from './quota/plan-quota-read.js';
import { createScriptedQuota, SPENT_STEP } from './scripted-quota.js';
import { routeRequest } from './route-request.js';
import type { Script } from './script-schema.js';
import { createStepCounter, selectStep } from './select-step.js';
import { formatSentRecord, type ScriptedRoute, type SentRecord } from './sent-record.js';
import { createSolver, type BarKeeping, type SolverAnswer, type SolverBars } from './solver/index.js';
import { AppError, escapeControls } from '../kernel/index.js';

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

/** A body larger than this is refused with 413 (a real coding-agent request is well under a megabyte or two). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function createRequestHandler(options: HandlerOptions, state: HandlerState): (req: IncomingMessage, res: ServerResponse) => void {
  const { script } = options;
  const nextPosition = createStepCounter(script);
  const startedAtSeconds = Math.floor(options.startedAt / 1000);
  const scriptedQuota = createScriptedQuota(script.rate_limits, startedAtSeconds);
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
  state.bars = solver?.bars ?? null;

  return (req, res) => {
    state.received += 1;
    const seq = state.received;
    const arrivedAt = performance.now();
    const requestId = `req_scripted_${String(seq).padStart(6, '0')}`;
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const route = routeRequest(method, path);
    const base: Omit<
      SentRecord,
      'status' | 'usage' | 'wire_usage' | 'outcome' | 'duration_ms' | 'content_deltas_sent' | 'output_tokens_sent'
    > = {
      seq,
      request_id: requestId,
      method,
      path,
      route,
      request_headers: req.headers,
      model: null,
      stream: false,
      step_index: null,
      step_type: null,
      tool_rounds: null,
    };

    const play = (plan: ResponsePlan, details: Partial<SentRecord> = {}): void => {
      const record = (outcome: PlayOutcome, framesSent: number): void => {
        const entry: SentRecord = {
          ...base,
          ...details,
          status: plan.status,
          usage: plan.usage,
          wire_usage: plan.wireUsage,
          outcome,
          duration_ms: Math.round(performance.now() - arrivedAt),
          ...countOutputSent(plan, framesSent),
        };
        state.sent.push(entry);
        options.log?.(formatSentRecord(entry));
      };
      playResponse(res, plan, options.signal, record).catch((error: unknown) => {
        options.log?.(`#${seq} ${method} ${path} failed: ${(error as Error).message}`);
        res.destroy();
      });
    };

    readBody(req).then(
      (text) => {
        const api = selectRouteApi(route);
        if (text === null) return play(planBadBody(api, 413, 'request body is larger than 64 MB', requestId));
        if (route === 'not_found') return play(planNotFound(method, path, requestId));
        if (route === 'models')
          return play(planModelList(script.models, 'anthropic-version' in req.headers || 'x-api-key' in req.headers, requestId));
        if (route === 'chatgpt_models') return play(planChatgptModels(req.headers, requestId));
        if (route === 'count_tokens') return play(planCountTokens(script.count_tokens === 'supported', text.length, requestId));
        if (route === 'claude_usage' || route === 'codex_usage' || route === 'glm_quota') {
          return play(
            planQuotaRead({
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
            }),
          );
        }
        if (route === 'gemini_quota' || route === 'code_assist_load' || route === 'code_assist_experiments')
          return play(
            planGeminiQuota({
              route,
              headers: req.headers,
              body: readJson(text),
              bars: solver?.bars ?? null,
              startedAtMs: options.startedAt,
            }),
          );
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
        if (solver) {
          let answer: SolverAnswer;
          try {
            answer = solver.answer({ api, facts, rawText: text, seq, requestId, usageStyle: script.usage_style, now: new Date() });
          } catch (error) {
            // The charge could not be kept, so no answer may show it: the client (the proxy) sees a reset back end.
            const line = `#${seq} ${method} ${path} not answered: ${error instanceof AppError ? error.toLine() : String(error)}`;
            options.log?.(line);
            options.onProblem?.(line);
            return res.destroy();
          }
          const { plan, turn, step } = answer;
          return play(plan, {
            model: facts.model,
            stream: facts.stream,
            step_index: turn.round,
            step_type: step.type,
            tool_rounds: facts.toolRounds,
          });
        }
        const quota = scriptedQuota.take(api, Math.floor(Date.now() / 1000));
        // A refusal plays no step: the script goes on where it was once the window resets (or the client moves).
        const { index, step } = quota.refused
          ? { index: null, step: quota.refusal ?? SPENT_STEP }
          : selectStep(script, nextPosition(facts.toolRounds));
        const plan = planResponse({
          api,
          step,
          facts,
          seq,
          requestId,
          bodyLength: text.length,
          usageStyle: script.usage_style,
          rateLimitHeaders: quota.headers,
          fallbackCwd: options.cwd,
          now: new Date(),
        });
        play(plan, { model: facts.model, stream: facts.stream, step_index: index, step_type: step.type, tool_rounds: facts.toolRounds });
      },
      () => res.destroy(),
    );
  };
}

/** The whole body as text; null when it is too large. Rejects when the client goes away mid-body. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

const CONTENT_DELTAS = new Set(['content_block_delta', 'response.output_text.delta', 'response.function_call_arguments.delta']);

/**
 * How much of the answer left before the stream ended: a stream cut after k of its n content deltas
 * produced k/n of its output tokens (the deltas split the text evenly). What a budget test compares with.
 */
function countOutputSent(plan: ResponsePlan, framesSent: number): Pick<SentRecord, 'content_deltas_sent' | 'output_tokens_sent'> {
  if (plan.body.kind !== 'sse' || !plan.usage) return { content_deltas_sent: 0, output_tokens_sent: plan.usage?.output_tokens ?? 0 };
  const isDelta = (frame: (typeof plan.body.frames)[number]): boolean => 'event' in frame && CONTENT_DELTAS.has(frame.event);
  const total = plan.body.frames.filter(isDelta).length;
  const sent = plan.body.frames.slice(0, framesSent).filter(isDelta).length;
  const output = total === 0 || sent === total ? plan.usage.output_tokens : Math.round((plan.usage.output_tokens * sent) / total);
  return { content_deltas_sent: sent, output_tokens_sent: output };
}

/** The body as JSON, or null (Code Assist's quota methods read a field or two and refuse what is missing). */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The protocol a model route speaks; the non-model routes answer in Anthropic's envelope. */
function selectRouteApi(route: ScriptedRoute): ModelApi {
  if (route === 'responses' || route === 'chatgpt_responses') return 'openai-responses';
  if (route === 'code_assist') return 'code-assist';
  return route === 'generate_content' ? 'gemini-generate-content' : 'anthropic-messages';
}
