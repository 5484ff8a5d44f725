// Maintainer's tool: ports gitleaks' default rule set (config/gitleaks.toml) into kernel/secrets/gitleaks-rules.ts.
//   node --import tsx scripts/gitleaks/port-gitleaks-rules.ts <gitleaks checkout> <commit>
// Keeps each rule's id, pattern (translated to JavaScript), secret group, entropy, keywords and allowlists, and the
// global allowlist; leaves out descriptions and tags, and allowlists of file paths (an allowlist of paths alone never
// applies to text that is no file). A rule's own path is kept: the task import scans files. gitleaks is MIT-licensed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { dropIdentifierPrefix, translateGoRegex } from './translate-go-regex.js';

interface TomlAllowlist {
  condition?: string;
  regexTarget?: string;
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
  commits?: string[];
}

interface TomlRule {
  id: string;
  regex?: string;
  secretGroup?: number;
  entropy?: number;
  keywords?: string[];
  path?: string;
  allowlists?: TomlAllowlist[];
}

interface TomlConfig {
  allowlist: TomlAllowlist;
  rules: TomlRule[];
}

const [checkout, commit] = process.argv.slice(2);
if (!checkout || !commit || !/^[0-9a-f]{7,40}$/.test(commit)) {
  process.stderr.write('usage: port-gitleaks-rules.ts <gitleaks checkout> <commit>\n');
  process.exit(2);
}
const config = parse(readFileSync(join(checkout, 'config', 'gitleaks.toml'), 'utf8')) as unknown as TomlConfig;

/**
 * A JavaScript string literal of a regex source as the linter wants it: String.raw when it holds a backslash (and no
 * backtick or `${`), else quoted; a `$` before `{` is written `\u0024`, not to read as a template to the linter.
 */
function quote(source: string): string {
  const raw = source.includes('\\') && !source.includes('`') && !source.includes('${') && !source.endsWith('\\');
  if (raw) return `String.raw\`${source}\``;
  if (/['\\]|\$\{/.test(source)) return JSON.stringify(source).replaceAll('${', '\\u0024{');
  return `'${source}'`;
}

function writeRegex(go: string): string {
  const { source, flags } = translateGoRegex(go);
  return flags ? `{ source: ${quote(source)}, flags: '${flags}' }` : `{ source: ${quote(source)} }`;
}

/** An allowlist's regexes and stop words, or null when what is left of it (no paths) can never apply. */
function writeAllowlist(allowlist: TomlAllowlist): string | null {
  if (allowlist.commits?.length) throw new Error('commit allowlists are not ported');
  const hasPaths = (allowlist.paths?.length ?? 0) > 0;
  // AND with paths: every condition must hold, and no text has a path; OR: the paths alone drop out.
  if (hasPaths && allowlist.condition === 'AND') return null;
  const parts: string[] = [];
  if (allowlist.regexTarget && allowlist.regexTarget !== 'secret') parts.push(`target: '${allowlist.regexTarget}'`);
  if (allowlist.regexes?.length) parts.push(`regexes: [${allowlist.regexes.map(writeRegex).join(', ')}]`);
  if (allowlist.stopwords?.length) parts.push(`stopwords: ${quoteWords(allowlist.stopwords)}`);
  if (allowlist.condition === 'AND' && parts.some((part) => part.startsWith('regexes')) && allowlist.stopwords?.length)
    parts.push(`all: true`);
  if (!parts.some((part) => part.startsWith('regexes') || part.startsWith('stopwords'))) return null;
  return `{ ${parts.join(', ')} }`;
}

/** Stop words as one string split at run time: 1,446 of them would take a line each. */
function quoteWords(words: readonly string[]): string {
  if (words.some((word) => /[\s"\\]/.test(word))) throw new Error('a stop word holds a space, a double quote or a backslash');
  return `"${words.join(' ')}".split(' ')`;
}

function writeRule(rule: TomlRule): string | null {
  if (!rule.regex) return null; // A rule on file names alone (pkcs12-file).
  const { source, flags } = translateGoRegex(rule.regex);
  const prefix = dropIdentifierPrefix(source);
  const parts = [`id: '${rule.id}'`, `source: ${quote(prefix.source)}`];
  if (flags) parts.push(`flags: '${flags}'`);
  if (prefix.dropped) parts.push('namePrefix: true');
  if (rule.secretGroup) parts.push(`secretGroup: ${rule.secretGroup}`);
  if (rule.path) parts.push(`path: ${writeRegex(rule.path)}`);
  if (rule.entropy) parts.push(`entropy: ${rule.entropy}`);
  parts.push(`keywords: [${(rule.keywords ?? []).map((keyword) => `'${keyword.toLowerCase()}'`).join(', ')}]`);
  const allowlists = (rule.allowlists ?? []).map(writeAllowlist).filter((one): one is string => one !== null);
  if (allowlists.length > 0) parts.push(`allowlists: [${allowlists.join(', ')}]`);
  return `  { ${parts.join(', ')} },`;
}

const rules = config.rules.map(writeRule).filter((line): line is string => line !== null);
const global = writeAllowlist(config.allowlist);
const text = `// gitleaks' default rules, ported from config/gitleaks.toml of gitleaks/gitleaks at ${commit.slice(0, 7)} by
// scripts/gitleaks/port-gitleaks-rules.ts: do not edit by hand, run that script. gitleaks is Copyright (c) 2019
// Zachary Rice, under the MIT licence (https://github.com/gitleaks/gitleaks/blob/master/LICENSE). Patterns are
// translated from Go's syntax; descriptions, tags and allowlists of file paths are left out.
import type { GitleaksAllowlist, GitleaksRule } from './gitleaks-rule.js';

/** The global allowlist: values no rule reports (templates, variables, paths, booleans). */
export const GITLEAKS_GLOBAL_ALLOWLIST: GitleaksAllowlist = ${global};

export const GITLEAKS_RULES: readonly GitleaksRule[] = [
${rules.join('\n')}
];
`;
const target = new URL('../../kernel/secrets/gitleaks-rules.ts', import.meta.url);
writeFileSync(target, text);
execFileSync('npx', ['biome', 'format', '--write', target.pathname], { stdio: 'inherit' });
process.stdout.write(`${rules.length} rules written (${config.rules.length - rules.length} left out: file names only)\n`);
