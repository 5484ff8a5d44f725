// An arm's evidence (Contract 1: ledger/evidence): the agent's turns as the proxy saw them, the diff it made, the hidden tests' results and output.
import type { ArmEvidence, MessageBlock, TestsEvidence, TurnRecord } from '../../ledger/evidence/index.js';
import { formatCount, formatTime } from './format.js';
import { html } from './html.js';

type EvidenceData = ArmEvidence;

function describeBlock(block: MessageBlock): string {
  if (block.type === 'text') return block.text;
  if (block.type === 'tool_use') return `[tool call ${block.name}] ${block.input}`;
  if (block.type === 'tool_result') return `[tool result${block.is_error ? ', error' : ''}] ${block.text}`;
  return `[${block.kind}]`;
}

function Transcript({ turns }: { turns: TurnRecord[] | null }) {
  if (turns === null) return html`<p class="muted">No transcript recorded for this arm.</p>`;
  if (turns.length === 0) return html`<p class="muted">The proxy saw no turn of this arm.</p>`;
  return html`<div data-testid="transcript">${turns.map(
    (turn) => html`<section class="turn" aria-label=${`turn ${turn.seq}`}>
      <p class="muted">Turn ${turn.seq} · ${formatTime(turn.at)} · ${turn.model ?? '-'} · status ${turn.status ?? '-'} · ${turn.latency_ms ?? '-'} ms ·
        tokens in ${formatCount(turn.tokens?.input)}, out ${formatCount(turn.tokens?.output)}, cache read ${formatCount(turn.tokens?.cache_read)}${turn.truncated ? ' · cut' : ''}</p>
      ${turn.request.messages.map(
        (message) => html`<div><span class="role">${message.role}:</span><pre>${message.blocks.map(describeBlock).join('\n')}</pre></div>`,
      )}
      <div><span class="role">response:</span>
        <pre>${[turn.response.text, ...turn.response.tool_calls.map((call) => `[tool call ${call.name}] ${call.input}`)].filter(Boolean).join('\n') || '(empty)'}</pre>
        ${turn.response.stop_reason ? html`<span class="muted">stop reason: ${turn.response.stop_reason}</span>` : null}
      </div>
    </section>`,
  )}</div>`;
}

function Diff({ diff }: { diff: string | null }) {
  if (diff === null) return html`<p class="muted">No diff recorded for this arm.</p>`;
  if (diff.trim() === '') return html`<p class="muted">The agent changed no file.</p>`;
  const kind = (line: string): string =>
    line.startsWith('+') && !line.startsWith('+++')
      ? 'add'
      : line.startsWith('-') && !line.startsWith('---')
        ? 'del'
        : line.startsWith('@@')
          ? 'hunk'
          : '';
  return html`<pre class="diff" data-testid="diff">${diff.split('\n').map((line) => html`<span class=${kind(line)}>${line || ' '}</span>`)}</pre>`;
}

function Tests({ tests, log }: { tests: TestsEvidence | null; log: string | null }) {
  if (tests === null) return html`<p class="muted">No test results recorded for this arm.</p>`;
  const of = (part?: { passed: number; total: number } | null): string => (part ? `${part.passed}/${part.total}` : 'n/a');
  return html`<div data-testid="tests">
    <p>fail_to_pass ${of(tests.fail_to_pass)}, pass_to_pass ${of(tests.pass_to_pass)}, resolved ${tests.resolved === null || tests.resolved === undefined ? 'n/a' : tests.resolved ? 'yes' : 'no'};
      exit ${tests.exit_code ?? 'n/a'}${tests.timed_out ? ', timed out' : ''}${tests.command ? `; ran ${tests.command}` : ''}</p>
    ${tests.note ? html`<p class="muted">${tests.note}</p>` : null}
    <table><thead><tr><th scope="col">test</th><th scope="col">list</th><th scope="col">verdict</th></tr></thead>
      <tbody>${(tests.tests ?? []).map((test) => html`<tr><td>${test.name}</td><td>${test.list ?? '-'}</td><td class=${test.verdict === 'pass' ? 'outcome-success' : 'outcome-fail'}>${test.verdict}</td></tr>`)}</tbody>
    </table>
    <h3>Output</h3>
    ${log === null ? html`<p class="muted">No test output recorded.</p>` : html`<pre>${log}</pre>`}
  </div>`;
}

export function Evidence({ evidence }: { evidence: EvidenceData | null }) {
  if (evidence === null) return html`<p class="muted">No evidence folder for this arm (runs before evidence was recorded have none).</p>`;
  return html`${evidence.problems.length > 0 ? html`<ul class="error">${evidence.problems.map((problem) => html`<li>${problem}</li>`)}</ul>` : null}
    <h2>Hidden tests</h2>
    <${Tests} tests=${evidence.tests} log=${evidence.testLog} />
    <h2>Diff against the fixture</h2>
    <${Diff} diff=${evidence.diff} />
    <h2>Transcript (turns as the proxy saw them)</h2>
    <${Transcript} turns=${evidence.turns} />`;
}
