// Renders the one line `tracker statusline` prints under Claude Code's prompt.
import type { Bars } from '../../ledger/schemas/index.js';
import { BAR_KINDS } from '../../ledger/schemas/bar-kinds.js';
import type { Headroom } from '../headroom/index.js';

export interface StatuslineView {
  model: string | null;
  bars: Bars;
  now: Date;
  /** Tasks left before a bar binds (reckonHeadroom on a basis `tracker plans` kept); null when none is kept. */
  headroom?: Headroom | null;
  /** The proxy's failover, said at the end (describeFailover); null or absent: nothing to say. */
  failover?: string | null;
}

/** `Opus 4.1 | 5h 23.5% (resets in 2h 10m) | week 41.2%`; without rate limits, the model alone. */
export function renderStatusline(view: StatuslineView): string {
  const parts = [view.model ?? 'Claude'];
  const fiveHour = view.bars.five_hour;
  if (fiveHour) {
    const reset = fiveHour.resets_at ? ` (resets in ${formatDuration(Date.parse(fiveHour.resets_at) - view.now.getTime())})` : '';
    parts.push(`5h ${formatPercent(fiveHour.used_pct)}${reset}`);
  }
  if (view.bars.weekly) parts.push(`week ${formatPercent(view.bars.weekly.used_pct)}`);
  if (!fiveHour && !view.bars.weekly) parts.push('no rate limits reported');
  const binding = view.headroom?.bars.find((bar) => bar.bar === view.headroom?.binding);
  if (binding?.tasks)
    parts.push(`~${formatTasks(binding.tasks.estimate)} ${view.headroom?.unit}s to the ${BAR_KINDS[binding.bar].label} limit`);
  if (view.failover) parts.push(view.failover);
  return parts.join(' | ');
}

/** One decimal at most, cut rather than rounded: 99.96% must not read as a full 100%. */
function formatPercent(value: number): string {
  return `${Math.floor(value * 10) / 10}%`;
}

/** `2h 10m`, `45m`, `now` for a reset already passed. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return 'now';
  const minutes = Math.ceil(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  return hours > 0 ? `${hours}h ${rest}m` : `${rest}m`;
}

/** Whole tasks from 10 on, one decimal below (a status line has no room for an interval: `tracker plans` shows it). */
function formatTasks(value: number): string {
  return value >= 10 ? String(Math.round(value)) : value.toFixed(1);
}
