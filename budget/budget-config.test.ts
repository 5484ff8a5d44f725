// Tests the budget config file: the limits it makes and errors that name the file and the key path.
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/index.js';
import { buildConfigLimits, parseBudgetConfig, type LimitDefaults } from './budget-config.js';

const defaults: LimitDefaults = { metric: 'total', mode: 'warn', warnAt: [0.8] };

function limitsOf(config: unknown) {
  const parsed = parseBudgetConfig(JSON.stringify(config), 'budget.json');
  return buildConfigLimits(parsed, 'budget.json', {
    ...defaults,
    ...(parsed.metric ? { metric: parsed.metric } : {}),
    ...(parsed.mode ? { mode: parsed.mode } : {}),
    ...(parsed.warn_at ? { warnAt: parsed.warn_at } : {}),
  });
}

function errorLine(text: string): string {
  try {
    const parsed = parseBudgetConfig(text, 'budget.json');
    buildConfigLimits(parsed, 'budget.json', { ...defaults, ...(parsed.metric ? { metric: parsed.metric } : {}) });
  } catch (error) {
    if (error instanceof AppError) return `${error.code} ${error.toLine()}`;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('budget config file', () => {
  it('makes limits from every section, with per-limit overrides in limits', () => {
    const limits = limitsOf({
      metric: 'output',
      mode: 'block',
      warn_at: [0.8, 0.5],
      overall: 100000,
      commands: { '/Test': 1000 },
      agents: { sub1: 500 },
      providers: { glm: 700 },
      windows: { 'W0-1': 900 },
      features: { 'f-1': 800 },
      limits: [
        { scope: 'command', key: '/deploy', limit: 0.5, metric: 'cost', mode: 'warn', warn_at: [0.9] },
        { scope: 'agent', key: 'sub2', limit: 42 },
      ],
    });
    expect(limits.map((limit) => [limit.id, limit.limit, limit.metric, limit.mode, limit.warnAt])).toEqual([
      ['overall', 100000, 'output', 'block', [0.5, 0.8]],
      ['command:/test', 1000, 'output', 'block', [0.5, 0.8]],
      ['agent:sub1', 500, 'output', 'block', [0.5, 0.8]],
      ['provider:glm', 700, 'output', 'block', [0.5, 0.8]],
      ['window:W0-1', 900, 'output', 'block', [0.5, 0.8]],
      ['feature:f-1', 800, 'output', 'block', [0.5, 0.8]],
      ['command:/deploy', 0.5, 'cost', 'warn', [0.9]],
      ['agent:sub2', 42, 'output', 'block', [0.5, 0.8]],
    ]);
  });

  it('names the file and the key path of what is wrong', () => {
    expect(errorLine('{"overall": 10,}')).toMatch(/^BAD_INPUT budget\.json: expected JSON, .* at line 1 column \d+$/);
    expect(errorLine('{"overal": 10}')).toBe(
      'BAD_INPUT budget.json: (top level): expected only metric, mode, warn_at, overall, commands, agents, providers, windows, features, limits, got "overal"',
    );
    expect(errorLine('{"metric": "tokens"}')).toBe(
      'BAD_INPUT budget.json: metric: expected one of total, input, output, input+output, cost, got "tokens"',
    );
    expect(errorLine('{"commands": {"/test": "abc"}}')).toBe(
      'BAD_INPUT budget.json: commands./test: expected a positive number, got "abc"',
    );
    expect(errorLine('{"commands": {"/test": -5}}')).toBe('BAD_INPUT budget.json: commands./test: expected a positive number, got -5');
    expect(errorLine('{"commands": {"/test": 1.5}}')).toBe(
      'BAD_INPUT budget.json: commands./test: expected a whole number of tokens, got 1.5',
    );
    expect(errorLine('{"commands": {"/test": 10, "/TEST --x": 20}}')).toBe(
      'BAD_INPUT budget.json: commands./TEST --x: command:/test is already set at commands./test; give each command one budget',
    );
    expect(errorLine('{"agents": {"": 10}}')).toBe('BAD_INPUT budget.json: agents.: expected an agent id (one word), got ""');
    expect(errorLine('{"warn_at": [0.5, 1.2]}')).toBe(
      'BAD_INPUT budget.json: warn_at[1]: expected a fraction above 0 and below 1, got 1.2',
    );
    expect(errorLine('{"limits": [{"scope": "command", "key": "/a", "limit": 5, "mode": "stop"}]}')).toBe(
      'BAD_INPUT budget.json: limits[0].mode: expected warn or block, got "stop"',
    );
    expect(errorLine('{"limits": [{"scope": "command", "key": "/a", "limit": 5, "extra": 1}]}')).toBe(
      'BAD_INPUT budget.json: limits[0]: expected only scope, key, limit, metric, mode, warn_at, got "extra"',
    );
    expect(errorLine('{"limits": [{"scope": "team", "key": "a", "limit": 5}]}')).toBe(
      'BAD_INPUT budget.json: limits[0].scope: expected one of overall, command, agent, provider, window, feature, got "team"',
    );
    expect(errorLine('{"limits": [{"scope": "command", "limit": 5}]}')).toBe(
      'BAD_INPUT budget.json: limits[0].key: expected a command such as "/test", got null',
    );
    expect(errorLine('{"limits": [{"scope": "command", "key": "/a"}]}')).toBe(
      'BAD_INPUT budget.json: limits[0].limit: expected a positive number, got nothing',
    );
    expect(errorLine('{"limits": [{"scope": "overall", "key": "x", "limit": 5}]}')).toBe(
      'BAD_INPUT budget.json: limits[0].key: expected no key for the overall scope, got "x"',
    );
    expect(errorLine('{"limits": [{"scope": "agent", "key": "a", "limit": 2.5}]}')).toBe(
      'BAD_INPUT budget.json: limits[0].limit: expected a whole number of tokens, got 2.5',
    );
    expect(errorLine('{"overall": 5, "limits": [{"scope": "overall", "limit": 6}]}')).toBe(
      'BAD_INPUT budget.json: limits[0]: overall is already set at overall; give each policy one overall budget',
    );
  });
});
