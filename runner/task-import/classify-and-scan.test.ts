import { describe, expect, it } from 'vitest';
import { classifyPath, explainNeverCopied } from './classify-path.js';
import { findSecrets, isBinary, measureEntropy } from './scan-secrets.js';

describe('classifyPath', () => {
  it.each([
    ['src/sum.test.js', 'test'],
    ['src/sum.spec.ts', 'test'],
    ['lib/a.test.mjs', 'test'],
    ['src/__tests__/sum.js', 'test'],
    ['test/helpers.js', 'test'],
    ['pkg/tests/data.json', 'test'],
    ['test_parser.py', 'test'],
    ['app/parser_test.py', 'test'],
    ['server/handler_test.go', 'test'],
    ['tests/integration.rs', 'test'],
    ['features/import.feature', 'test'],
    ['step-definitions/steps.ts', 'test'],
    ['src/__snapshots__/sum.test.ts.snap', 'test'],
    ['src/render.snap', 'test'],
    ['bench/sort.bench.ts', 'test'],
    ['internal/testdata/input.txt', 'test'],
    ['runner/task-import/test-fixtures/trap-repos.ts', 'test'],
    ['src/__fixtures__/input.json', 'test'],
    ['src/__mocks__/fs.js', 'test'],
    ['types/index.test-d.ts', 'test'],
    ['src/sum.js', 'source'],
    ['src/testing.py', 'source'],
    ['src/contest.js', 'source'],
    ['README.md', 'docs'],
    ['docs/guide.html', 'docs'],
    ['LICENSE', 'docs'],
  ])('%s is %s', (path, kind) => {
    expect(classifyPath(path)).toBe(kind);
  });
});

describe('explainNeverCopied', () => {
  it.each([
    '.env',
    'config/.env.production',
    'certs/server.pem',
    'home/.ssh/id_rsa',
    'node_modules/x/index.js',
    'dist/cli.js',
    'a/__pycache__/m.pyc',
    '.npmrc',
  ])('%s is never copied', (path) => {
    expect(explainNeverCopied(path)).toBeTypeOf('string');
  });
  it.each(['src/env.js', 'src/distance.js', 'key.ts', 'build.sh'])('%s may be copied', (path) => {
    expect(explainNeverCopied(path)).toBeUndefined();
  });
});

describe('findSecrets', () => {
  it('finds each key shape on its line', () => {
    const text = [
      'const a = 1;',
      '-----BEGIN RSA PRIVATE KEY-----',
      `aws = "${'AKIA'}Z2QH7DHBJ3MPLQWE"`,
      `key: ${'sk-ant-'}api03-abcdefghijklmnopqrstuvwxyz`,
      `openai = "${'sk-'}proj-abcdefghijklmnopqrstuvwx"`,
      `token ${'ghp_'}abcdefghijklmnopqrstuvwxyz0123456789`,
      'password = "Zq8#kLp2!vR9mW4x"',
      '{"api_key": "Zq8kLp2vR9mW4xT7"}',
    ].join('\n');
    expect(findSecrets(text).map((hit) => [hit.line, hit.kind])).toEqual([
      [2, 'private key block'],
      [3, 'aws-access-token'],
      [4, 'Anthropic key or OAuth token'],
      [5, 'API key (sk-)'],
      [6, 'GitHub token'],
      [7, 'secret assignment'],
      [8, 'auth header'],
    ]);
  });

  it('leaves words, placeholders and references alone', () => {
    const text = [
      'password = "changeme"',
      `token: "${'$'}{GITHUB_TOKEN}"`,
      "api_key = 'your-api-key-here'",
      'const secret = process.env.SECRET;',
      'tokenize("aaaaaaaaaaaa")',
      "auth: file === undefined ? 'api-key' : 'chatgpt-login',",
    ].join('\n');
    expect(findSecrets(text)).toEqual([]);
  });

  it('measures entropy in bits per character', () => {
    expect(measureEntropy('aaaa')).toBe(0);
    expect(measureEntropy('abcd')).toBe(2);
  });

  it('calls bytes with a NUL binary', () => {
    expect(isBinary(Buffer.from([0x41, 0x00, 0x42]))).toBe(true);
    expect(isBinary(Buffer.from('plain text'))).toBe(false);
  });
});
