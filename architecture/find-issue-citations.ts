// Lines of the repository's code, tests, specs and scripts that cite a tracker issue by number instead of saying why.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One line that cites an issue: the file, its 1-based line number and the line. */
export interface IssueCitation {
  file: string;
  line: number;
  text: string;
}

/** The folders whose files are ours (task-bank/ holds other projects' repositories, with their own history). */
const OWN_FOLDERS = ['kernel', 'ledger', 'sources', 'budget', 'proxy', 'model-server', 'runner', 'reports', 'viewer', 'cli'];
const OTHER_FOLDERS = ['architecture', 'bench', 'api', 'scripts', 'features', 'step-definitions', '.ci'];
/** The test of this finder, whose examples are citations on purpose. */
const EXAMPLES = 'architecture/issue-citations.test.ts';
const SOURCE = /\.(?:ts|mts|mjs|cjs|js|sh|feature)$|^run$/;

/**
 * The word "issue" followed by a number (with or without `#`): a number a reader of the repository cannot follow. A number
 * after another project's name (`steipete/CodexBar#343`, and the numbers listed after it) is a source and stays; a
 * bare `#64` counts in comments only, outside quotes, since quoted text holds ids such as `#003` and `--failover #2`.
 */
const ISSUE_WORD = /\bissues? #?\d+/i;
const BARE_NUMBER = /(?:^|[\s(,;])#\d+\b/;
const OTHER_PROJECT = /[\w.-]+\/[\w.-]+#\d+/;
const QUOTED = /"[^"]*"|`[^`]*`|'[^']*'/g;
const COMMENT = /^\s*(?:\/\/|\/?\*|#)|\s\/\/\s/;

export function findIssueCitations(root: string): IssueCitation[] {
  return [...OWN_FOLDERS, ...OTHER_FOLDERS, 'vitest.config.ts'].flatMap((entry) =>
    listSources(root, entry)
      .filter((file) => file !== EXAMPLES)
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .map((text, index) => ({ file, line: index + 1, text }))
          .filter(({ text }) => citesIssue(text)),
      ),
  );
}

export function citesIssue(text: string): boolean {
  if (ISSUE_WORD.test(text)) return true;
  const comment = COMMENT.exec(text);
  if (comment === null || OTHER_PROJECT.test(text)) return false;
  return BARE_NUMBER.test(text.slice(comment.index).replace(QUOTED, ''));
}

function listSources(root: string, entry: string): string[] {
  let isFile: boolean;
  try {
    isFile = statSync(join(root, entry)).isFile();
  } catch {
    return [];
  }
  if (isFile) return [entry];
  return readdirSync(join(root, entry), { recursive: true, encoding: 'utf8' })
    .filter((name) => !name.includes('node_modules') && SOURCE.test(name.split('/').at(-1) ?? ''))
    .map((name) => `${entry}/${name}`)
    .filter((file) => statSync(join(root, file)).isFile());
}

/**
 * Lines of the docs (docs/**\/*.md and README.md; CHANGELOG.md is the record of what each issue changed, and cites them
 * on purpose) that cite an issue by number in prose, the word followed by its number (ISSUE_WORD).
 */
export function findDocIssueCitations(root: string): IssueCitation[] {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs].flatMap((file) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .map((text, index) => ({ file, line: index + 1, text }))
      .filter(({ text }) => ISSUE_WORD.test(text)),
  );
}
