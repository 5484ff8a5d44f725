// The Bars page's failover table: the requests the proxy's failover chain moved, per day, from which back end to which and why.
import type { FailoverDay } from '../fold-failover-moves.js';
import { formatTime } from './format.js';
import { html } from './html.js';

const REASONS: Record<string, string> = {
  rejected: 'refused for its window',
  threshold: 'bar reached the set percent',
  unknown: 'no reason recorded',
};

/** "5-hour bar refused for its window": the spent bar of the back end left, and why the chain left it. */
function describeReason(move: FailoverDay, bars: Record<string, string>): string {
  const why = REASONS[move.reason] ?? move.reason;
  return move.bar === null ? why : `${bars[move.bar] ?? move.bar} bar ${why}`;
}

export function FailoverMoves({
  moves,
  total,
  bars,
}: {
  moves: FailoverDay[] | undefined;
  total: number | undefined;
  bars: Record<string, string>;
}) {
  if (!moves) return null;
  return html`<h2>Failover moves</h2>
    ${
      moves.length === 0
        ? html`<p class="muted" data-testid="failover-moves">No request was moved by the proxy's failover chain (<code>tracker proxy --failover</code>).</p>`
        : html`<table data-testid="failover-moves">
            <thead><tr><th scope="col">day</th><th scope="col">from</th><th scope="col">to</th><th scope="col">reason</th>
              <th class="num" scope="col">requests</th><th scope="col">first</th><th scope="col">last</th></tr></thead>
            <tbody>${moves.map(
              (move) => html`<tr><td>${move.day}</td><td>${move.from}</td><td>${move.to}</td><td>${describeReason(move, bars)}</td>
                <td class="num">${move.count.toLocaleString('en-US')}</td><td>${formatTime(move.first_at)}</td><td>${formatTime(move.last_at)}</td></tr>`,
            )}</tbody>
          </table>
          ${
            total !== undefined && total > moves.length
              ? html`<p class="muted">The newest ${moves.length} of ${total.toLocaleString('en-US')} rows; <code>tracker metrics</code> counts them all.</p>`
              : null
          }`
    }`;
}
