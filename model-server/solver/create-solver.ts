// The solver the scripted server answers model requests with: picks the turn, builds the step, fixes usage and bars, plans.
import { planAnswerContent } from '../answer-content.js';
import type { ModelApi, RequestFacts } from '../inspect-request.js';
import { planResponse, type ResponsePlan } from '../plan-response.js';
import type { Step, UsageStyle } from '../script-schema.js';
import { SPENT_STEP } from '../scripted-quota.js';
import { buildSolverStep } from './build-solver-step.js';
import { decideSolverTurn, type SolverTurn } from './decide-solver-turn.js';
import {
  buildSolverBarHeaders,
  createSolverBars,
  measureUnits,
  selectAccount,
  type BarKeeping,
  type BarState,
  type SolverBars,
} from './solver-bars.js';
import { selectSolverProfile } from './solver-profiles.js';
import { computeSolverUsage, measureSolverAnswer } from './solver-usage.js';

export interface SolverOptions {
  /** The task banks: DIR/<id>/solution holds each task's reference files (the first bank holding the id answers). */
  tasksDirs: readonly string[];
  /** Epoch milliseconds the server started; the bars reset at start + 5 h / 7 d. */
  startedAt: number;
  /** The working directory used when a request states none. */
  cwd: string;
  log?: ((line: string) => void) | undefined;
  /** Claude Code conversations start by handing a survey to a haiku-tier sub-agent (Agent tool), as real sessions do. */
  delegate?: boolean | undefined;
  /** Keep the bars in a file (a run's data dir), from the state given; in memory only when absent. */
  keeping?: BarKeeping | undefined;
}

export interface SolverRequest {
  api: ModelApi;
  facts: RequestFacts;
  rawText: string;
  seq: number;
  requestId: string;
  usageStyle: UsageStyle;
  now: Date;
}

export interface SolverAnswer {
  plan: ResponsePlan;
  turn: SolverTurn;
  step: Step;
  /** The account's bars after this answer. */
  bars: BarState;
}

export interface Solver {
  /** Throws an IO AppError (nothing charged, nothing to send) when the bars cannot be kept. */
  answer(request: SolverRequest): SolverAnswer;
  readonly bars: SolverBars;
}

/**
 * planResponse fills `{{cwd}}` in tool inputs with the request's cwd; the solver's inputs are already filled and hold
 * file contents that must stay byte-exact, so it is handed this cwd, which leaves every `{{cwd}}` as it is.
 */
const KEEP_TEMPLATE_CWD = '{{cwd}}';

export function createSolver(options: SolverOptions): Solver {
  const bars = createSolverBars(options.keeping);
  const startedAtSeconds = Math.floor(options.startedAt / 1000);
  return {
    bars,
    answer(request) {
      const { api, facts } = request;
      // Only a main-tier Claude model offered the Agent tool delegates: never the sub-agent itself (haiku, or a rewritten model).
      const delegate =
        options.delegate === true &&
        api === 'anthropic-messages' &&
        facts.toolNames.includes('Agent') &&
        facts.model?.startsWith('claude-') &&
        !facts.model.includes('haiku');
      const turn = decideSolverTurn({
        tasksDirs: options.tasksDirs,
        rawText: request.rawText,
        model: facts.model,
        toolRounds: facts.toolRounds,
        readsBeforeWrite: api === 'anthropic-messages',
        delegate,
      });
      if (turn.kind === 'no_task')
        options.log?.(`#${request.seq} solver: no "Task id: <id>" line in the request; answered with a final text`);
      if (turn.kind === 'unknown_task')
        options.log?.(
          `#${request.seq} solver: task ${turn.taskId} has no folder ${options.tasksDirs.map((dir) => `${dir}/${turn.taskId}/solution`).join(' or ')}; answered with a final text`,
        );
      const profile = selectSolverProfile(facts.model);
      const account = selectAccount(facts.model, api);
      const now = bars.read(account);
      if (profile.refuseWhenSpent === true && Math.max(now.fiveHour, now.sevenDay) >= 1)
        return refuseSpent(request, now, buildSolverBarHeaders(api, now, startedAtSeconds), turn);
      const step = buildSolverStep(turn, api, profile, facts.cwd ?? options.cwd);
      const content = planAnswerContent(step, api, { cwd: KEEP_TEMPLATE_CWD, toolNames: facts.toolNames });
      const bodyBytes = Buffer.byteLength(request.rawText, 'utf8');
      const usage = computeSolverUsage(bodyBytes, measureSolverAnswer(content), profile.outputScale);
      const state = bars.charge(account, measureUnits(usage));
      const plan = planResponse({
        api,
        step: { ...step, usage },
        facts: { ...facts, cwd: KEEP_TEMPLATE_CWD },
        seq: request.seq,
        requestId: request.requestId,
        bodyLength: bodyBytes,
        usageStyle: request.usageStyle,
        // The account is charged either way; a profile without bar headers just does not show it here.
        rateLimitHeaders: profile.barHeaders === false ? {} : buildSolverBarHeaders(api, state, startedAtSeconds),
        fallbackCwd: options.cwd,
        now: request.now,
      });
      return { plan, turn, step, bars: state };
    },
  };
}

/** A spent account's answer: the refusal with its full bar and resets, no step played, nothing charged. */
function refuseSpent(request: SolverRequest, bars: BarState, headers: Record<string, string>, turn: SolverTurn): SolverAnswer {
  const plan = planResponse({
    api: request.api,
    step: SPENT_STEP,
    facts: request.facts,
    seq: request.seq,
    requestId: request.requestId,
    bodyLength: Buffer.byteLength(request.rawText, 'utf8'),
    usageStyle: request.usageStyle,
    rateLimitHeaders: headers,
    fallbackCwd: KEEP_TEMPLATE_CWD,
    now: request.now,
  });
  return { plan, turn, step: SPENT_STEP, bars };
}
