// What a synthesis is asked (SynthesizeRequest) and what it answers (SynthesizeSummary).
import type { VerifyOptions } from '../task-bank/run-verify-copy.js';
import type { MutationKind } from './mutation.js';

export interface SynthesizeRequest {
  repo: string;
  out: string;
  /** Stop after this many kept tasks. */
  count: number;
  /** The same seed gives the same order of candidates, so the same tasks from the same commit. */
  seed: string;
  /** Only these kinds (default: all five). */
  kinds?: readonly MutationKind[] | undefined;
  /** Stop after examining this many candidates, kept or not (default: no limit). */
  maxCandidates?: number | undefined;
  /** The user's own test command (argv) and set-up, as for an import. */
  testCommand?: string[] | undefined;
  setupCommand?: string[] | undefined;
  setupNetwork?: boolean | undefined;
  /** `path:line` secret findings to let through (`--allow-secret`). */
  allowSecrets?: ReadonlySet<string> | undefined;
  /** How candidates are run and verified: isolation, set-up cache, npm cache, reruns (as `tasks verify`). */
  verify: VerifyOptions;
  onProgress?: ((line: string) => void) | undefined;
}

export interface SynthesizedTask {
  id: string;
  kind: MutationKind;
  /** `path:line:column` of the edit. */
  site: string;
  scope: string | undefined;
  failToPass: number;
  passToPass: number;
  difficulty: string;
  lines: number;
}

export interface RejectedMutation {
  kind: MutationKind;
  site: string;
  reason: string;
}

export interface SynthesizeSummary {
  repo: string;
  commit: string;
  out: string;
  seed: string;
  /** Source files mutated and their mutations (after the kinds asked for), and how many of those were examined. */
  files: number;
  candidates: number;
  examined: number;
  kept: SynthesizedTask[];
  rejected: RejectedMutation[];
  /** Source files no test covers (no mutation tried there), and files the parser refused, each with why. */
  untested: string[];
  unreadable: string[];
  /** Files never mutated: generated code and nested Go modules' folders (list-unmutable.ts), each with why. */
  skipped: string[];
  /** A group of tests that could not run on the original code (set-up, a missing module): its files gave nothing. */
  environment: Array<{ group: string; cause: string; fix: string }>;
}
