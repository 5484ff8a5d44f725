// notify.json: rules per bar, the webhook URL from the environment, and a bad file refused naming the file and field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../kernel/index.js';
import { loadNotifyConfig } from './notify-config.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'notify-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (value: unknown) => writeFileSync(join(dir, 'notify.json'), JSON.stringify(value));
const SECRET = 'https://hooks.slack.com/services/T0SPEC/B0SPEC/notForYourEyes123';
const refusal = (env: NodeJS.ProcessEnv = {}): string => {
  try {
    loadNotifyConfig(dir, env);
  } catch (error) {
    return (error as AppError).toLine();
  }
  return 'accepted';
};

describe('loadNotifyConfig', () => {
  it('is null without a file, and reads defaults, rules per bar and per provider, and --alert-at over the defaults', () => {
    expect(loadNotifyConfig(dir, {})).toBeNull();
    write({ bars: { weekly: { thresholds: [50] }, 'codex/five_hour': { pace: false } }, sinks: [{ type: 'desktop' }] });
    const config = loadNotifyConfig(dir, {});
    expect(config?.ruleFor('claude', 'five_hour')).toEqual({ thresholds: [80, 95], pace: true });
    expect(config?.ruleFor('claude', 'weekly')).toEqual({ thresholds: [50], pace: true });
    expect(config?.ruleFor('codex', 'five_hour')).toEqual({ thresholds: [80, 95], pace: false });
    expect(config?.allThresholds).toEqual([50, 80, 95]);
    expect([config?.perMinute, config?.timeoutMs]).toEqual([6, 10_000]);
    expect(loadNotifyConfig(dir, {}, [70])?.ruleFor('claude', 'five_hour').thresholds).toEqual([70]);
  });

  it('takes a webhook URL from the environment, and says which variable is missing, never the URL', () => {
    write({ sinks: [{ type: 'webhook', url_env: 'SLACK_HOOK', format: 'slack' }] });
    expect(loadNotifyConfig(dir, { SLACK_HOOK: SECRET })?.sinks).toEqual([{ type: 'webhook', url: SECRET, format: 'slack' }]);
    expect(refusal()).toBe(`${join(dir, 'notify.json')}: sinks.0.url_env: SLACK_HOOK is not set (docs/notifications.md)`);
  });

  it.each([
    [{ sinks: [] }, 'sinks: expected at least one sink'],
    [{ thresholds: [80, 120], sinks: [{ type: 'desktop' }] }, 'thresholds.1: expected a percentage of at most 100'],
    [{ sinks: [{ type: 'pager' }] }, 'sinks.0.type: '],
    [{ sinks: [{ type: 'webhook', url: SECRET, format: 'teams' }] }, 'sinks.0.format: '],
    [{ sinks: [{ type: 'webhook', url: `ftp://x${SECRET.slice(8)}` }] }, 'sinks.0.url: expected an http(s) URL'],
    [{ sinks: [{ type: 'webhook' }] }, 'sinks.0: expected either url or url_env'],
    [{ bars: { fivehour: {} }, sinks: [{ type: 'desktop' }] }, 'bars.fivehour: expected a bar (five_hour, weekly'],
    [{ sinks: [{ type: 'desktop' }], rate_limit: { per_minute: 0 } }, 'rate_limit.per_minute: '],
    [{ sinks: [{ type: 'desktop' }], extra: 1 }, 'top level: Unrecognized key: "extra"'],
    [
      {
        sinks: [
          { type: 'command', run: 'a' },
          { type: 'command', run: 'b' },
        ],
      },
      'sinks: expected at most one command sink',
    ],
  ])('refuses %j in one line naming the file and the field', (value, message) => {
    write(value);
    const line = refusal();
    expect(line.startsWith(`${join(dir, 'notify.json')}: ${message}`)).toBe(true);
    expect(line).not.toContain('notForYourEyes123');
  });
});
