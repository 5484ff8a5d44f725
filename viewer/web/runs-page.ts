// Runs: every plan with its providers, progress, estimated finish, pre-registered analysis and the verdict's headline.
import type { RunView } from '../build-run-views.js';
import { formatDuration, formatTime } from './format.js';
import { html, linkTo } from './html.js';
import { useApi } from './live.js';
import { renderInline } from './markdown.js';

interface RunsAnswer {
  generation: number;
  busy: boolean;
  error: string | null;
  runs: RunView[];
}

function Progress({ run }: { run: RunView }) {
  const share = (n: number): string => `${run.arms === 0 ? 0 : (100 * n) / run.arms}%`;
  return html`<div class="progress" role="img" aria-label=${`${run.done} done, ${run.open} running or cut short, ${run.pending} pending of ${run.arms}`}>
    <span class="done" style=${{ width: share(run.done) }}></span>
    <span class="open" style=${{ width: share(run.open) }}></span>
    <span class="pending" style=${{ width: share(run.pending) }}></span>
  </div>`;
}

function describeState(run: RunView): string {
  if (run.state === 'running') return `running (process ${run.runner_pid})`;
  if (run.state === 'stopped') return `stopped: ${run.stopped_by}`;
  if (run.state === 'failed') return `failed: ${run.stopped_by}`;
  if (run.state === 'elsewhere')
    return `running on another machine, it seems (no runner here; an arm finished ${formatTime(run.last_finished_at)})`;
  return run.state;
}

/** The registered rule in words; an older plan's rule is named, and said to be decided by the betting sequence. */
function describeRule(plan: NonNullable<RunView['analysis']>): string {
  const rule = plan.sequential;
  if (!rule) return 'the default betting sequence';
  if (!('relevant_ratio' in rule) || 'first_look' in rule)
    return `${rule.rule} (registered before the betting sequence; decided by the one its settings imply)`;
  const budget = plan.task_budget
    ? `, each arm capped at ${Object.entries(plan.task_budget.limits)
        .map(([provider, usd]) => `${provider} $${Number(usd.toPrecision(3))}`)
        .join(', ')} of list price`
    : ', no task budget registered';
  if (rule.rule === 'none')
    return `the betting sequence read at ${rule.planned_tasks} tasks (no early stop), alpha ${rule.alpha_per_pair.toPrecision(3)} per pair over ${rule.pairs} pair(s)${budget}`;
  return `the betting sequence, alpha ${rule.alpha_per_pair.toPrecision(3)} per pair over ${rule.pairs} pair(s), looked at after every task, relevant ${rule.relevant_ratio}x${budget}`;
}

function Analysis({ run }: { run: RunView }) {
  const plan = run.analysis;
  if (!plan) return html`<p class="muted">No pre-registered analysis recorded for this plan.</p>`;
  return html`<dl class="kv">
    <dt>estimand</dt><dd>correct work per ${plan.estimand === 'usd' ? 'dollar of subscription' : "unit of each provider's own bars"}: sum of quality over sum of dollars, pairs by the ratio${plan.statistic === 'ratio-of-sums' ? '' : ' (the plan registered the older per-task share gap; it is decided on work per $)'}</dd>
    <dt>providers</dt><dd>${plan.providers.join(', ')}${plan.reference ? `; reference ${plan.reference}` : ''}</dd>
    <dt>alpha / relevant difference</dt><dd>${plan.alpha} / ${Math.round(plan.min_effect * 100)}%</dd>
    <dt>planned tasks</dt><dd>${plan.planned_tasks}</dd>
    <dt>decision rule</dt><dd>${describeRule(plan)}</dd>
    <dt>registered</dt><dd>${formatTime(plan.ts)}</dd>
  </dl>`;
}

function RunCard({ run }: { run: RunView }) {
  return html`<section class="card" aria-labelledby=${`plan-${run.plan_id}`} data-testid="run-card">
    <h2 id=${`plan-${run.plan_id}`}>Plan ${run.plan_id}</h2>
    <p>
      Seed ${JSON.stringify(run.seed)}, ${run.providers.join(' vs ')}${run.epochs > 1 ? `, ${run.epochs} epochs` : ''}:
      <strong data-testid="run-progress"> ${run.done}/${run.arms} done</strong>, ${run.open} running or cut short, ${run.pending} pending; ${describeState(run)}.
    </p>
    ${
      run.simulated && run.simulated.length > 0
        ? html`<p class="notice" data-testid="simulated">
            <strong>Simulated:</strong> ${run.simulated.join(', ')} ${run.simulated.length === 1 ? 'is' : 'are'} answered by agent-tracker's scripted model server, not a
            real model (their windows' methodology says so). These figures exercise the tool; they say nothing about any real provider.
          </p>`
        : null
    }
    <${Progress} run=${run} />
    <p>
      Estimated finish:
      ${run.finish.remaining_ms === 0 ? ' finished' : run.finish.at ? ` ${formatTime(run.finish.at)} (in about ${formatDuration(run.finish.remaining_ms)})` : ` ${run.finish.reason}`}
    </p>
    <table>
      <caption class="muted">Arms per provider</caption>
      <thead><tr><th scope="col">provider</th><th class="num" scope="col">done</th><th class="num" scope="col">running / cut short</th><th class="num" scope="col">pending</th><th scope="col">arms</th></tr></thead>
      <tbody>
        ${run.by_provider.map(
          (row) => html`<tr>
            <td>${row.provider}${run.simulated?.includes(row.provider) ? html` <span class="muted">(simulated)</span>` : null}</td><td class="num">${row.done}</td><td class="num">${row.open}</td><td class="num">${row.pending}</td>
            <td><a href=${linkTo('arms', { plan: run.plan_id, provider: row.provider })}>list ${row.provider}'s arms</a></td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${
      run.infrastructure_failures.length > 0
        ? html`<h3>Infrastructure failures (not scored, still pending)</h3>
          <ul>${run.infrastructure_failures.map((failure) => html`<li>${failure.arm_index === null ? `every remaining arm of ${failure.provider}` : `arm #${failure.arm_index + 1} ${failure.task_id} (${failure.provider})`}: ${failure.reason}</li>`)}</ul>`
        : null
    }
    <h3>Verdict so far</h3>
    ${
      run.headline
        ? html`<div data-testid="verdict">${run.headline.map((line, index) => html`<p class=${index === 0 ? 'headline' : ''}>${renderInline(line)}</p>`)}</div>
          ${run.pending + run.open > 0 ? html`<p class="muted">Live: the decisions and anytime intervals are the plan's own, valid at every look, so reading them before the run ends keeps the error at the plan's alpha.</p>` : null}
          <p><a href=${linkTo('report', { plan: run.plan_id })}>Read the report</a></p>`
        : html`<p class="muted">${run.headline_reason}</p>`
    }
    <h3>Pre-registered analysis</h3>
    <${Analysis} run=${run} />
  </section>`;
}

export function RunsPage() {
  const { data, error } = useApi<RunsAnswer>('/api/runs');
  return html`<h1>Runs</h1>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${data?.error ? html`<p class="error" role="alert">Could not read the ledger: ${data.error}</p>` : null}
    ${
      data === null
        ? html`<p class="muted">Loading...</p>`
        : data.runs.length === 0
          ? html`<p>No experiment plan is recorded in this data dir yet. Start one with <code>npx experiment run --seed 42</code>; it shows up here as it goes.</p>`
          : data.runs.map((run) => html`<${RunCard} run=${run} key=${run.plan_id} />`)
    }`;
}
