// Reads what each failing test said from a test run's output, by report kind, for a synthesized task's bug report; pure.
import type { TaskTest } from '../task-bank/task-schema.js';
import { ANSI, clean, type FailureMessage, parseJsonLine } from './failure-message.js';
import { readJestLike, readMocha, readTap, readVitestText } from './read-js-failures.js';

export type { FailureMessage } from './failure-message.js';

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
