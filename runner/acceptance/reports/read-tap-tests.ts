// Names each leaf test of Node's TAP reporter with its verdict ("suite > test"), for scoring by test identity; pure.
import type { Verdict } from './tally-verdicts.js';
import { recordVerdict } from './tally-verdicts.js';

/** `# Subtest: name` opens a test at the line's depth (4 spaces per level, Node's TAP reporter). */
const SUBTEST = /^((?: {4})*)# Subtest: (.*)$/;
/** A test point: `ok N - name` or `not ok N - name`, with an optional `# SKIP` / `# TODO` directive. */
const POINT = /^((?: {4})*)(not )?ok \d+(?: - (.*))?$/;
/** An unescaped `#` starts a directive; Node writes a `#` inside a name as `\#`. */
const DIRECTIVE = /\s(?<!\\)#\s*(SKIP|TODO)\b.*$/i;
/** A test point's YAML block opens two spaces further in than the point and closes with `...` there. */
const YAML_START = /^( *)---\s*$/;

/**
 * The verdict of every leaf test (a test with no subtests of its own) keyed by its path of names, joined by " > ";
 * a suite or a test with subtests is left to its leaves. A test file that failed to load is one leaf named by its
 * file. YAML blocks are skipped whole, so an error message cannot pass for a test point; what tests print arrives as
 * `#` comments (Node 20 runs each file in a child and re-emits its output as comments). SKIP and TODO are `skip`.
 */
export function readTapTests(text: string): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  const names: string[] = [];
  const hadChild: boolean[] = [];
  let yamlEnd: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (yamlEnd !== null) {
      if (line === yamlEnd) yamlEnd = null;
      continue;
    }
    const yaml = YAML_START.exec(line);
    if (yaml) {
      yamlEnd = `${yaml[1]}...`;
      continue;
    }
    const subtest = SUBTEST.exec(line);
    if (subtest) {
      const depth = (subtest[1] as string).length / 4;
      names[depth] = subtest[2] as string;
      names.length = depth + 1;
      hadChild[depth + 1] = false;
      continue;
    }
    const point = POINT.exec(line);
    if (!point) continue;
    const depth = (point[1] as string).length / 4;
    const isParent = hadChild[depth + 1] === true;
    hadChild[depth + 1] = false;
    hadChild[depth] = true;
    if (isParent) continue;
    const raw = point[3] ?? '';
    const directive = DIRECTIVE.exec(raw);
    // Names stay as Node escaped them (tapEscape): keys only need to match between two runs of the same reporter.
    const name = (directive ? raw.slice(0, directive.index) : raw).trim();
    const path = [...names.slice(0, depth), name || (names[depth] ?? '')].join(' > ');
    recordVerdict(verdicts, path, directive ? 'skip' : point[2] ? 'fail' : 'pass');
  }
  return verdicts;
}
