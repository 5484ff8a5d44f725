// The spec an imported task's agent sees: the commit message, the interface the tests use and the exact texts they compare against.
import { readSimpleTestName } from '../task-bank/classify-test-origins.js';
import type { BodyLanguage } from '../task-bank/read-test-bodies.js';
import { RUST_TEST_MODULE_SUFFIX, stripRustTestModule } from '../acceptance/splice-rust-tests.js';
import { buildSpecRequirements, describeRequirements, listNewOrChangedTests, type Requirement } from './build-spec-requirements.js';
import { classifyPath } from './classify-path.js';
import { findBareTitle, findReferenceOnly, findTestsOnlyMessage, splitCodeWords } from './judge-spec.js';
import { describeNewCases, listNewCases } from './list-test-cases.js';
import { describeAddedDocs, listAddedDocs } from './list-added-docs.js';
import { isBinary } from './scan-secrets.js';

/** More exact texts than this and the spec would be the tests themselves: the task is refused as unfair-spec. */
export const MAX_REQUIREMENTS = 12;

/** What the spec is built from: the message, the assembled task's files, the interface section already described. */
export interface SpecParts {
  subject: string;
  /** The body, and a merge's subjects. */
  body: string;
  /** spec.md as buildSpec wrote it with the interface section (describeNeededInterface). */
  base: string;
  /** Interface lines the base states. */
  interfaceLines: number;
  fixture: ReadonlyMap<string, Buffer>;
  tests: ReadonlyMap<string, Buffer>;
  solution: ReadonlyMap<string, Buffer>;
}

export type SpecVerdict = { ok: true; spec: string; requirements: Requirement[] } | { ok: false; reason: string; thin?: boolean };

const MAX_SOURCE_BYTES = 1_000_000;

function readTexts(files: ReadonlyMap<string, Buffer>, keep: (path: string) => boolean): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [path, bytes] of files)
    if (keep(path) && bytes.length <= MAX_SOURCE_BYTES && !isBinary(bytes)) texts.set(path, bytes.toString('utf8'));
  return texts;
}

/** The test files after the change and at the same paths before it (a Rust `src/lib.rs.cfg-test` against `src/lib.rs`). */
function readTestTexts(parts: SpecParts): { tests: Map<string, string>; before: Map<string, string> } {
  const tests = readTexts(parts.tests, () => true);
  const before = new Map<string, string>();
  for (const path of tests.keys()) {
    const old = parts.fixture.get(path.endsWith(RUST_TEST_MODULE_SUFFIX) ? path.slice(0, -RUST_TEST_MODULE_SUFFIX.length) : path);
    if (old && !isBinary(old)) before.set(path, old.toString('utf8'));
  }
  return { tests, before };
}

/** A Rust source's `#[cfg(test)]` module is a hidden test, not the solution's code (strsim-rs keeps its tests there). */
function readCode(path: string, text: string): string {
  return path.endsWith('.rs') ? stripRustTestModule(text) : text;
}

/**
 * The lines of each solution source file that its fixture version lacks (`added`: a README's examples are inputs, not
 * texts it introduces), and the fixture's lines the solution drops (`removed`).
 */
function readChangedLines(parts: SpecParts): { added: string; removed: string } {
  const added: string[] = [];
  const removed: string[] = [];
  for (const [path, text] of readTexts(parts.solution, (candidate) => classifyPath(candidate) === 'source')) {
    const oldLines = readCode(path, parts.fixture.get(path)?.toString('utf8') ?? '').split('\n');
    const newLines = readCode(path, text).split('\n');
    const [was, is] = [new Set(oldLines), new Set(newLines)];
    added.push(...newLines.filter((line) => !was.has(line)));
    removed.push(...oldLines.filter((line) => !is.has(line)));
  }
  return { added: added.join('\n'), removed: removed.join('\n') };
}

/**
 * The spec for the tests named `only` (the fail_to_pass tests once known; before, every new or changed test): refused
 * as unfair-spec when the message speaks of tests only or the tests demand more exact texts than a spec can state,
 * as thin-spec when a short title is all it says; else the base with the requirements section.
 */
export function composeSpec(parts: SpecParts, only?: ReadonlySet<string>): SpecVerdict {
  const testsOnly = findTestsOnlyMessage(parts.subject, parts.body);
  if (testsOnly !== null) return { ok: false, reason: testsOnly };
  const { tests, before } = readTestTexts(parts);
  const changed = readChangedLines(parts);
  const requirements = buildSpecRequirements({
    tests,
    testsBefore: before,
    solutionAdded: changed.added,
    fixtureSource: [...readTexts(parts.fixture, (path) => classifyPath(path) === 'source')].map(([path, text]) => readCode(path, text)),
    message: `${parts.subject}\n${parts.body}`,
    only: only ?? listNewOrChangedTests(tests, before),
  });
  if (requirements.length > MAX_REQUIREMENTS) {
    const shown = requirements
      .slice(0, 3)
      .map((requirement) => JSON.stringify(requirement.text.slice(0, 40)))
      .join(', ');
    return {
      ok: false,
      reason: `unfair-spec: the hidden tests compare against ${requirements.length} exact texts the message never gives (${shown}, ...), more than a spec can state (${MAX_REQUIREMENTS})`,
    };
  }
  const cases = listNewCases(tests, before);
  const solution = readTexts(parts.solution, () => true);
  const docs = listAddedDocs(
    solution,
    readTexts(parts.fixture, (path) => solution.has(path)),
  );
  const stated = parts.interfaceLines + requirements.length + cases.length + docs.length;
  const codeWords = splitCodeWords(`${changed.added}\n${changed.removed}\n${[...parts.solution.keys()].join('\n')}`);
  const thin = findBareTitle(parts.subject, parts.body, stated) ?? findReferenceOnly(parts.subject, parts.body, codeWords, stated);
  if (thin !== null) return { ok: false, reason: thin, thin: true };
  const sections = [describeAddedDocs(docs), describeNewCases(cases), describeRequirements(requirements)].filter(
    (section) => section !== '',
  );
  return { ok: true, spec: [parts.base, ...sections].join('\n'), requirements };
}

/** The function names of fail_to_pass tests (`pkg::TestX` -> TestX), to read their bodies. */
export function listFailToPassFunctions(failToPass: readonly string[], language: string): Set<string> {
  const body: BodyLanguage | undefined =
    language === 'javascript' || language === 'typescript'
      ? 'js'
      : language === 'python' || language === 'go' || language === 'rust'
        ? language
        : undefined;
  return new Set(failToPass.map((name) => readSimpleTestName(name, body)));
}
