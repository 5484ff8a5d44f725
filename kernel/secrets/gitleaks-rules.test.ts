// The port of gitleaks' rules against gitleaks' own cases: each rule generator's true and false positives (test-fixtures, from scripts/gitleaks/dump-gitleaks-samples.sh).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets.js';
import { GITLEAKS_DETECTORS } from './gitleaks-detectors.js';
import { GITLEAKS_RULES } from './gitleaks-rules.js';
import type { SecretDetector, SecretSpan } from './secret-detector.js';

interface Sample {
  id: string;
  tps: string[] | null;
  fps: string[] | null;
  tpPaths?: Record<string, string>;
  fpPaths?: Record<string, string>;
}

/** gitleaks/gitleaks at b58d3f1: its cases are generated strings, gzipped so no scanner of this repository reads them. */
const SAMPLES: Sample[] = JSON.parse(
  gunzipSync(readFileSync(new URL('./test-fixtures/gitleaks-samples.json.gz', import.meta.url))).toString(),
);
const DETECTORS = new Map(GITLEAKS_DETECTORS.map((detector) => [detector.kind, detector]));

/** What gitleaks' single-rule detector does in utils.Validate: the keyword prefilter, the file's path, the rule. */
function findWith(detector: SecretDetector, text: string, path?: string): SecretSpan[] {
  const lower = text.toLowerCase();
  if (detector.keywords.length > 0 && !detector.keywords.some((keyword) => lower.includes(keyword))) return [];
  if (path !== undefined && detector.path && !detector.path.test(path)) return [];
  const found: SecretSpan[] = [];
  detector.find(text, found);
  return found;
}

describe('the port of gitleaks rule set', () => {
  it('holds every rule with a pattern, in gitleaks order (pkcs12-file names files only)', () => {
    expect(GITLEAKS_RULES).toHaveLength(221);
    expect(GITLEAKS_RULES.map((rule) => rule.id)).not.toContain('pkcs12-file');
    expect(SAMPLES.length).toBeGreaterThanOrEqual(219);
  });

  it.each(SAMPLES.filter((sample) => DETECTORS.has(sample.id)).map((sample) => [sample.id, sample] as const))(
    '%s finds its true positives and none of its false positives, as gitleaks validates it',
    (_id, sample) => {
      const detector = DETECTORS.get(sample.id) as SecretDetector;
      for (const text of sample.tps ?? []) {
        expect(findWith(detector, text), text).not.toEqual([]);
        // And the whole redaction, prefilter and JSON view included, finds it too.
        expect(findSecrets(text), text).not.toEqual([]);
      }
      for (const [path, text] of Object.entries(sample.tpPaths ?? {})) expect(findWith(detector, text, path), path).not.toEqual([]);
      for (const text of sample.fps ?? []) expect(findWith(detector, text), text).toEqual([]);
      for (const [path, text] of Object.entries(sample.fpPaths ?? {})) expect(findWith(detector, text, path), path).toEqual([]);
    },
  );
});
