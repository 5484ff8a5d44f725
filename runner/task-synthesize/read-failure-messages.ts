// Reads what each failing test said from a test run's output, by report kind, for a synthesized task's bug report; pure.
import type { TaskTest } from '../task-bank/task-schema.js';

/** A failing test's name (as close to its report kind's verdict name as the output allows) and what it printed. */
export interface FailureMessage {
  name: string;
  lines: string[];
}

/** Terminal colour codes, which some runners print even into a pipe. */
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function clean(lines: Iterable<string>): string[] {
  return [...lines].map((line) => line.replace(ANSI, '').trimEnd()).filter((line) => line.trim() !== '');
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** go test -json: the output events of each failed top-level test, less go's own RUN/FAIL lines and stack frames. */
function readGo(text: string): FailureMessage[] {
  const outputs = new Map<string, string[]>();
  const failed: string[] = [];
  for (const line of text.split('\n')) {
    const event = parseJsonLine(line);
    if (typeof event?.Test !== 'string') continue;
    const top = event.Test.split('/')[0] as string;
    const name = `${typeof event.Package === 'string' ? event.Package : ''}::${top}`;
    if (event.Action === 'output' && typeof event.Output === 'string') outputs.set(name, [...(outputs.get(name) ?? []), event.Output]);
    if (event.Action === 'fail' && !event.Test.includes('/')) failed.push(name);
  }
  return failed.map((name) => ({
    name,
    lines: clean(
      (outputs.get(name) ?? [])
        .join('')
        .split('\n')
        .filter((line) => !/^\s*(?:=== (?:RUN|PAUSE|CONT|NAME)|--- (?:FAIL|PASS|SKIP)|FAIL|PASS|exit status)\b/.test(line))
        .filter((line) => !/^goroutine \d+ |^\s+\/.*\.go:\d+|^\S+\(.*\)$|\+0x[0-9a-f]+$/.test(line)),
    ).map((line) => line.trim()),
  }));
}

/** pytest -v: the short summary's "FAILED id - message", then the "E   " lines of each failure's section. */
function readPytest(text: string): FailureMessage[] {
  const lines = text.split('\n').map((line) => line.replace(ANSI, ''));
  const messages = new Map<string, string[]>();
  for (const line of lines) {
    const summary = /^(?:FAILED|ERROR) (\S+?)(?: - (.*))?$/.exec(line);
    if (summary) messages.set(summary[1] as string, summary[2] ? [summary[2]] : []);
  }
  let section: string | null = null;
  const explained = new Map<string, string[]>();
  for (const line of lines) {
    // pytest centres the name in underscores, down to one on each side for a long parametrized name.
    const header = /^_+ (?:ERROR at \w+ of )?(\S.*?) _+$/.exec(line);
    if (header) section = header[1] as string;
    else if (/^={3,}/.test(line)) section = null;
    else if (section !== null && /^E {2,}/.test(line)) explained.set(section, [...(explained.get(section) ?? []), line.slice(1).trim()]);
  }
  return [...messages].map(([name, summary]) => {
    // A section is headed "Class.test_x[param]": the node id's part after its file, with "::" as ".".
    const local = name.split('::').slice(1).join('.');
    // The summary line is cut to the terminal's width ("- Asse..."): only when the section said nothing.
    return { name, lines: clean(explained.get(local) ?? summary) };
  });
}

/** unittest -v: each "FAIL: test (module.Class.test)" block's last traceback lines (the exception and its message). */
function readUnittest(text: string): FailureMessage[] {
  const found: FailureMessage[] = [];
  const blocks = text.split(/^={20,}$/m).slice(1);
  for (const block of blocks) {
    const head = /^(?:FAIL|ERROR): (\w+) \(([\w.]+)\)/m.exec(block.trim());
    if (!head) continue;
    const id = (head[2] as string).endsWith(`.${head[1]}`) ? (head[2] as string) : `${head[2]}.${head[1]}`;
    const body = block.split(/^-{20,}$/m)[1] ?? '';
    const tail = body.split('\n').filter((line) => line !== '' && !/^\s/.test(line) && !line.startsWith('Traceback'));
    found.push({ name: id, lines: clean(tail.filter((line) => !/^(?:Ran \d+|FAILED|OK)\b/.test(line))) });
  }
  return found;
}

/** vitest --reporter=json and jest --json: each failed assertion's failureMessages, when the report line is whole. */
function readJestLike(text: string): FailureMessage[] {
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
function readVitestText(text: string): FailureMessage[] {
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
      for (const failure of block) failure.lines.push(line.trim());
  }
  return found;
}

/** node --test's TAP: each "not ok" point's YAML `error:` (and expected/actual) lines. */
function readTap(text: string): FailureMessage[] {
  const found: FailureMessage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const point = /^( *)not ok \d+ - (.*)$/.exec(lines[i] as string);
    if (!point || lines[i + 1]?.trim() !== '---') continue;
    const said: string[] = [];
    for (let j = i + 2; j < lines.length && lines[j]?.trim() !== '...'; j += 1) {
      const field = /^\s*(error|expected|actual|operator):\s*(.*)$/.exec(lines[j] as string);
      if (field) said.push(`${field[1]}: ${field[2]}`);
    }
    found.push({ name: point[2] as string, lines: clean(said) });
  }
  return found;
}

/** mocha --reporter json: the failures' full titles and error messages. */
function readMocha(text: string): FailureMessage[] {
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

/** What each failing test said, as far as the output (the run's kept tail) shows it; an empty list when nothing can be read. */
export function readFailureMessages(report: TaskTest['report'], output: string): FailureMessage[] {
  switch (report) {
    case 'go':
      return readGo(output);
    case 'pytest':
      return readPytest(output);
    case 'unittest':
      return readUnittest(output);
    case 'vitest': {
      const whole = readJestLike(output);
      return whole.some((failure) => failure.lines.length > 0) ? whole : readVitestText(output);
    }
    case 'jest':
      return readJestLike(output);
    case 'node-tap':
      return readTap(output);
    case 'mocha':
      return readMocha(output);
    default:
      return [];
  }
}
