// The printed resume command carries the registered plan's flags, so run as printed it resumes the same experiment.
import { describe, expect, it } from 'vitest';
import type { AnalysisPlanRow } from '../../ledger/index.js';
import type { PlanStatus } from '../../ledger/runs/index.js';
import { formatResumeCommand } from './format-resume-command.js';

const status = {
  seed: '5',
  providers: ['claude', 'codex'],
  epochs: 1,
  arm_states: [{ task_id: 'token-bucket' }, { task_id: 'token-bucket' }],
} as unknown as PlanStatus;

const registered = {
  estimand: 'usd',
  alpha: 0.05,
  min_effect: 0.2,
  reference: null,
  quality: 'resolved',
  sequential: { rule: 'none' },
  run_flags: { plans: { claude: 'claude-max-20x', codex: 'chatgpt-plus' }, upstream: 'scripted' },
} as unknown as AnalysisPlanRow;

describe('formatResumeCommand', () => {
  it('names every plan, the upstream, the estimand and the stop rules the plan registered', () => {
    expect(formatResumeCommand(status, '/data', registered)).toBe(
      'npx experiment run --seed 5 --providers claude,codex --only token-bucket --plan claude=claude-max-20x --plan codex=chatgpt-plus --upstream scripted --estimand usd --no-stop-rules --data-dir /data',
    );
  });

  it('adds the analysis flags that differ from the defaults, and none for a plan registered without a row', () => {
    const other = {
      ...registered,
      alpha: 0.1,
      min_effect: 0.3,
      reference: 'codex',
      quality: 'fail-to-pass-share',
      sequential: undefined,
      run_flags: undefined,
    };
    expect(formatResumeCommand(status, '/data', other as AnalysisPlanRow)).toBe(
      'npx experiment run --seed 5 --providers claude,codex --only token-bucket --estimand usd --alpha 0.1 --min-effect 0.3 --reference codex --quality fail-to-pass-share --data-dir /data',
    );
    expect(formatResumeCommand(status, '/data')).toBe(
      'npx experiment run --seed 5 --providers claude,codex --only token-bucket --data-dir /data',
    );
  });
});
