// The names a change declares that its hidden tests use: public ones go in the spec, private ones make the task unfair; pure.
import { createRustScopeTracker } from './track-rust-scopes.js';
import { createTsMemberTracker } from './track-ts-members.js';

export interface Declaration {
  path: string;
  name: string;
  /** The declaring line, trimmed, up to its body: what the spec shows. */
  signature: string;
  /** Exported (JS/TS `export`), capitalised (Go), not `_private` (Python), `pub` or a trait's item (Rust). */
  isPublic: boolean;
}

type Language = 'js' | 'python' | 'go' | 'rust';

const LANGUAGES: Array<[RegExp, Language]> = [
  [/\.[cm]?[jt]sx?$/, 'js'],
  [/\.py$/, 'python'],
  [/\.go$/, 'go'],
  [/\.rs$/, 'rust'],
];

/** One declaration per line: [pattern, index of the name group, whether the match alone makes it public]. */
const PATTERNS: Record<Language, RegExp[]> = {
  js: [
    /^\s*(export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/,
  ],
  python: [/^\s*(?:async\s+)?(def|class)\s+([A-Za-z_]\w*)/],
  go: [/^func\s+(?:\([^)]*\)\s*)?()([A-Za-z_]\w*)\s*[[(]/, /^type\s+()([A-Za-z_]\w*)\s/],
  rust: [/^\s*(pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?(?:fn|struct|enum|trait|type|const|static)\s+([A-Za-z_]\w*)/],
};

/** JS/TS and Rust: the `export` or `pub` the pattern caught; Go: a capital; Python: no leading `_` (dunders are public). */
function decidePublic(language: Language, marker: string | undefined, name: string): boolean {
  if (language === 'go') return /^[A-Z]/.test(name);
  if (language === 'python') return !name.startsWith('_') || /^__\w+__$/.test(name);
  return marker !== undefined && marker !== '';
}

/** The declarations of one source file, by its extension; none for a file of another language. */
export function listDeclarations(path: string, text: string): Declaration[] {
  const language = LANGUAGES.find(([pattern]) => pattern.test(path))?.[1];
  if (language === undefined) return [];
  const found: Declaration[] = [];
  const scopes = language === 'rust' ? createRustScopeTracker() : null;
  const members = language === 'js' ? createTsMemberTracker() : null;
  for (const line of text.split(/\r?\n/)) {
    const publicByScope = scopes?.isPublicByScope() === true;
    scopes?.advance(line);
    const member = members?.readMember(line);
    members?.advance(line);
    if (member) {
      found.push({ path, name: member.name, signature: line.trim().replace(/[;,]\s*$/, ''), isPublic: member.exported });
      continue;
    }
    for (const pattern of PATTERNS[language]) {
      const match = pattern.exec(line);
      if (!match) continue;
      const name = match[2] as string;
      const isPublic = publicByScope || decidePublic(language, match[1], name);
      found.push({
        path,
        name,
        signature: line
          .trim()
          .replace(/\s*[{:=]?\s*$/, '')
          .slice(0, 200),
        isPublic,
      });
      break;
    }
  }
  return found;
}

export interface InterfaceInput {
  /** The solution's files at the commit. */
  solution: ReadonlyMap<string, string>;
  /** The same paths on the fixture (absent: a new file). */
  fixture: ReadonlyMap<string, string>;
  /** The hidden tests' files. */
  tests: ReadonlyMap<string, string>;
}

export interface ChangeInterface {
  /** New or changed public declarations the tests use: what a fair spec must name. */
  needed: Declaration[];
  /** New or changed non-public declarations the tests call: a correct public design would score 0. */
  internal: Declaration[];
}

/**
 * Declarations of the solution whose line is not in the fixture's file (new or changed signatures) and whose name the
 * hidden tests use as a word (called, for non-public names: `name(`). Sorted by path, then as they appear.
 */
export function describeInterface(input: InterfaceInput): ChangeInterface {
  const testText = [...input.tests.values()].join('\n');
  const result: ChangeInterface = { needed: [], internal: [] };
  for (const [path, text] of [...input.solution].sort(([a], [b]) => a.localeCompare(b))) {
    const before = new Set((input.fixture.get(path) ?? '').split(/\r?\n/).map((line) => line.trim()));
    for (const declaration of listDeclarations(path, text)) {
      if (before.has(declaration.signature) || [...before].some((line) => line.startsWith(declaration.signature))) continue;
      const name = declaration.name.replace(/\$/g, '\\$');
      if (declaration.isPublic && new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(testText)) result.needed.push(declaration);
      // A JS test cannot import what a module does not export: only go, python and rust tests reach private names.
      else if (!declaration.isPublic && !isJs(path) && new RegExp(`(?<![\\w$])${name}\\s*\\(`).test(testText))
        result.internal.push(declaration);
    }
  }
  return result;
}

function isJs(path: string): boolean {
  return /\.[cm]?[jt]sx?$/.test(path);
}

/** The spec's section naming what the hidden tests need, as the reference solution declares it; '' when nothing is new. */
export function describeNeededInterface(needed: readonly Declaration[]): string {
  if (needed.length === 0) return '';
  // Two impls of one trait method (quick-error's `fn source` twice) read the same: each line once.
  const lines = [...new Set(needed.map((declaration) => `- \`${declaration.path}\`: \`${declaration.signature}\``))];
  return [
    'The hidden tests use these names, new or changed by this work (signatures as the reference solution has them):',
    '',
    ...lines,
    '',
  ].join('\n');
}
