// A request's block-budget admission: its worst case reserved, or the 429 that says whether the budget is spent or held.
import { formatAmount, formatCount } from '../../budget/index.js';
import type { AdmitRefusal, ProxyBudget, StreamBudget } from '../budget/proxy-budget.js';
import { readWorstCase } from '../budget/read-worst-case.js';
import type { Refusal } from './check-request.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { resolveWho, type Exchange } from './record-exchange.js';

/**
 * The request's budget charge with its worst case reserved, or the refusal to send when a block budget of it is
 * spent, or stayed held by other requests for the budget wait (`--budget-wait-ms`, 120 s by default).
 */
export async function openRequestBudget(
  budget: ProxyBudget,
  runtime: ProxyRuntime,
  exchange: Exchange,
  body: Buffer | null,
): Promise<StreamBudget | { refused: Refusal }> {
  const { agentId, windowId } = resolveWho(runtime, exchange.attribution);
  const ctx = budget.contextOf({
    agent_id: agentId,
    command: exchange.attribution.command,
    backend_provider: exchange.backend,
    window_id: windowId,
    feature_id: exchange.attribution.feature,
    model: exchange.sentModel,
  });
  const estimate = `about ${Math.ceil((body?.length ?? 0) / 4)} input tokens`;
  const admitted = await budget.admit(ctx, exchange.apiKind, readWorstCase(body, exchange.apiKind), estimate, runtime.limits.budgetWaitMs);
  if ('charge' in admitted) return admitted;
  // x-should-retry: false tells the Anthropic SDK (and so Claude Code) not to retry a 429 that will not pass.
  return {
    refused: {
      status: 429,
      apiType: 'rate_limit_error',
      errorType: 'budget_refused',
      message: describeRefusal(admitted),
      kind: exchange.apiKind ?? 'anthropic-messages',
      headers: { 'x-should-retry': 'false' },
    },
  };
}

/**
 * "Spent" only when it is: a budget that other requests' reservations hold says so, with how many hold how much, what
 * this request needed and how long it waited. f9e718a told a request kept out by one uncapped reservation that a
 * budget with nothing used was "spent".
 */
export function describeRefusal(refusal: AdmitRefusal): string {
  const { event, held } = refusal;
  if (refusal.unbounded !== null)
    return (
      `tracker proxy: the ${event.budget} budget (${event.metric}, block mode) cannot bound this request: it names ` +
      `${refusal.unbounded}, input the upstream has not reported a size for here; send that input in the request, or ` +
      'budget output only (--budget-metric output)'
    );
  if (!held) return `tracker proxy: the ${event.budget} budget is spent: ${event.used} of ${event.limit} ${event.metric} used (block mode)`;
  const amount = (value: number): string => formatAmount(event.metric, value);
  const holders = held.requests === 1 ? '1 request' : `${formatCount(held.requests)} requests`;
  return (
    `tracker proxy: the ${event.budget} budget has no room for this request's ${amount(held.needed)}: ` +
    `${amount(event.used)} of ${amount(event.limit)} ${event.metric} used, ${amount(held.reserved)} held by ${holders} in flight; ` +
    `waited ${Math.round(refusal.waitedMs / 1000)} s for them to settle (block mode)`
  );
}
