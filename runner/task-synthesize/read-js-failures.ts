// What failing JavaScript tests said: vitest's and jest's json reports (whole or cut), vitest's text, node's TAP, mocha's json; pure.
import { ANSI, clean, type FailureMessage, parseJsonLine } from './failure-message.js';

/** vitest --reporter=json and jest --json: each failed assertion's failureMessages, when the report line is whole. */
export function readJestLike(text: string): FailureMessage[] {
  const found: FailureMessage[] = [];
  for (const line of text.split('\n')) {
    const report = parseJsonLine(line);
    if (!Array.isArray(report?.testResults)) continue;
    found.length = 0;
    for (const file of report.testResults as Array<Record<string, unknown>>) {
      for (const test of (file.assertionResults ?? []) as Array<Record<string, unknown>>) {
        if (test.status !== 'failed') continue;
        const titles = [...((test.ancestorTitles as string[] | undefined) ?? []), String(test.title)];
        const said = ((test.failureMessages as string[] | undefined) ?? []).flatMap((message) => String(message).split('\n'));
        found.push({ name: [String(file.name), ...titles].join(' > '), lines: clean(said.filter((l) => !/^\s+at /.test(l))) });
      }
    }
  }
  return found.length > 0 ? found : readJestFragments(text);
}

function readJsonString(text: string, key: string): string | undefined {
  const match = new RegExp(`"${key}":("(?:[^"\\\\]|\\\\.)*")`).exec(text);
  return match ? (JSON.parse(match[1] as string) as string) : undefined;
}

/**
 * The report is one line, often longer than the output the run keeps (vitest's for path-to-regexp's 1,100 tests:
 * 107 KB): each failed assertion still whole in the kept part is read on its own, named without its file.
 */
function readJestFragments(text: string): FailureMessage[] {
  const found: FailureMessage[] = [];
  for (const fragment of text.split('{"ancestorTitles":').slice(1)) {
    const object = fragment.split('"meta":')[0] ?? fragment;
    if (!/"status":"failed"/.test(object)) continue;
    const title = readJsonString(object, 'title');
    const ancestors = /^\[((?:"(?:[^"\\]|\\.)*",?)*)\]/.exec(object);
    const messages = /"failureMessages":\[((?:"(?:[^"\\]|\\.)*",?)*)\]/.exec(object);
    if (title === undefined || !ancestors) continue;
    try {
      const titles = JSON.parse(`[${ancestors[1]}]`) as string[];
      const said = (messages ? (JSON.parse(`[${messages[1]}]`) as string[]) : []).flatMap((message) => message.split('\n'));
      found.push({ name: [...titles, title].join(' > '), lines: clean(said.filter((line) => !/^\s+at /.test(line))) });
    } catch {
      // a fragment cut inside a string: nothing to read there
    }
  }
  return found;
}

/**
 * vitest's default reporter (added to the screening run, screen-mutant.ts) ends with its "Failed Tests" section on
 * stderr: " FAIL  file > suite > test" headers (several when they failed alike), the error, a code frame, a rule.
 */
export function readVitestText(text: string): FailureMessage[] {
  const found: FailureMessage[] = [];
  let block: FailureMessage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(ANSI, '');
    const header = /^\s*FAIL\s+(.+? > .+)$/.exec(line);
    if (header) {
      if (block.some((failure) => failure.lines.length > 0)) block = [];
      const failure = { name: (header[1] as string).trim(), lines: [] as string[] };
      block.push(failure);
      found.push(failure);
    } else if (/^⎯/.test(line)) block = [];
    else if (block.length > 0 && line.trim() !== '' && !/^\s*(?:\d+\s*)?\||^\s*❯/.test(line))
      for (const failure of block) failure.lines.push(line.trimEnd());
  }
  return found;
}

/** node --test's TAP: each "not ok" point's YAML `error:` (and expected/actual) lines. */
export function readTap(text: string): FailureMessage[] {
  const found: FailureMessage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const point = /^( *)not ok \d+ - (.*)$/.exec(lines[i] as string);
    if (!point || lines[i + 1]?.trim() !== '---') continue;
    const said: string[] = [];
    let block: number | null = null; // the indentation of a field whose value is a YAML block (`error: |-`)
    for (let j = i + 2; j < lines.length && lines[j]?.trim() !== '...'; j += 1) {
      const line = lines[j] as string;
      const indent = line.length - line.trimStart().length;
      if (block !== null && indent > block) {
        said.push(`  ${line.trim()}`);
        continue;
      }
      block = null;
      const field = /^(\s*)(error|expected|actual|operator):\s*(.*)$/.exec(line);
      if (!field) continue;
      // A multi-line message (an assertion's own text, a diff) comes as a block scalar on the lines below.
      if (/^[|>][-+]?$/.test(field[3] as string)) block = (field[1] as string).length;
      said.push(`${field[2]}:${block === null ? ` ${field[3]}` : ''}`);
    }
    found.push({ name: point[2] as string, lines: clean(said) });
  }
  return found;
}

/** mocha --reporter json: the failures' full titles and error messages. */
export function readMocha(text: string): FailureMessage[] {
  const start = text.indexOf('{\n  "stats"');
  if (start < 0) return [];
  try {
    const report = JSON.parse(text.slice(start)) as { failures?: Array<{ fullTitle?: string; err?: { message?: string } }> };
    return (report.failures ?? []).map((failure) => ({
      name: String(failure.fullTitle ?? ''),
      lines: clean(String(failure.err?.message ?? '').split('\n')),
    }));
  } catch {
    return [];
  }
}
