// The JSON API under /api/: runs, arms (a page at a time), one arm, the report; every answer names the ledger generation it shows.
import type { ServerResponse } from 'node:http';
import { AppError, isAppError } from '../kernel/index.js';
import { ARM_COLUMNS, type ArmColumn, type ArmQuery } from './arm-rows.js';
import { queryArmRows } from './query-arm-rows.js';
import { buildRunViews } from './build-run-views.js';
import type { ApiContext } from './api-context.js';
import { answerCapacity } from './capacity-routes.js';
import { readArmDetail } from './read-arm-detail.js';
import { sendRefusal } from './viewer-auth.js';
import { decodeComponent } from './guard-request.js';

export type { ApiContext };

const MAX_LIMIT = 500;

export function sendJson(response: ServerResponse, value: unknown, status = 200): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

function readInt(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max)
    throw new AppError('BAD_USAGE', `${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(text)}`);
  return Number(text);
}

export function parseArmQuery(params: URLSearchParams): ArmQuery {
  const sort = params.get('sort') ?? 'completed_at';
  if (!(ARM_COLUMNS as readonly string[]).includes(sort))
    throw new AppError('BAD_USAGE', `sort must be one of ${ARM_COLUMNS.join(', ')}, got ${JSON.stringify(sort)}`);
  const filter = params.get('q') ?? '';
  if (filter.length > 200) throw new AppError('BAD_USAGE', 'q is longer than 200 characters');
  return {
    filter,
    where: {
      plan_id: params.get('plan') ?? '',
      provider: params.get('provider') ?? '',
      outcome: params.get('outcome') ?? '',
      task: params.get('task') ?? '',
    },
    sort: sort as ArmColumn,
    descending: params.get('desc') === '1',
    offset: readInt(params, 'offset', 0, Number.MAX_SAFE_INTEGER),
    limit: Math.max(1, readInt(params, 'limit', 50, MAX_LIMIT)),
  };
}

export function createApi(ctx: ApiContext): (path: string, params: URLSearchParams, response: ServerResponse) => Promise<void> {
  return async (path, params, response) => {
    try {
      const generation = ctx.generation();
      if (path === '/api/runs') {
        // Read in the ledger process, not here: on a large ledger that read held up every request (bench: viewer).
        if (ctx.work.current.statuses === null) await ctx.work.waitForStatuses(1);
        const { statuses, ledger, reports } = ctx.work.current;
        const runs = buildRunViews(
          statuses?.statuses ?? [],
          ledger?.arms ?? null,
          ledger?.view.analysis_plans ?? [],
          reports?.reports ?? null,
          ctx.now(),
          ledger?.view.simulated ?? null,
        );
        return sendJson(response, { generation, busy: ctx.work.current.busy, error: ctx.work.current.error, runs });
      }
      if (path === '/api/arms') {
        const query = parseArmQuery(params);
        // The first visit waits for the first reading; later ones answer at once with the last one.
        if (ctx.work.current.ledger === null) await ctx.work.waitForLedger(1);
        const ledger = ctx.work.current.ledger;
        if (ledger === null) return sendJson(response, { error: ctx.work.current.error ?? 'the ledger could not be read' }, 503);
        return sendJson(response, { generation: ledger.generation, ...queryArmRows(ledger.arms, query) });
      }
      const arm = /^\/api\/arm\/([^/]+)$/.exec(path);
      if (arm) return sendJson(response, { generation, ...readArmDetail(ctx.dataDir, decodeComponent(arm[1] as string, 'the window id')) });
      if (path === '/api/report') {
        if (ctx.work.current.reports === null && ctx.work.current.error === null) {
          return sendJson(response, { generation, computing: true, reports: [] });
        }
        const reports = ctx.work.current.reports;
        return sendJson(response, {
          generation: reports?.generation ?? generation,
          computing: ctx.work.current.busy,
          error: ctx.work.current.error,
          reports: reports?.reports ?? [],
        });
      }
      if (await answerCapacity(ctx, path, params, (value, status) => sendJson(response, value, status))) return;
      return sendRefusal(
        response,
        404,
        `no such API ${path} (try /api/runs, /api/arms, /api/arm/<window>, /api/report, /api/bars, /api/usage, /api/limits, /api/events)`,
      );
    } catch (error) {
      if (isAppError(error) && error.code === 'BAD_USAGE') return sendRefusal(response, 400, error.message);
      if (isAppError(error) && error.code === 'NOT_FOUND') return sendRefusal(response, 404, error.message);
      return sendJson(response, { error: (error as Error).message.split('\n')[0] }, 500);
    }
  };
}
