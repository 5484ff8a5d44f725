// Secrets judged in context: a test's own key material and a value the docs mark as fake pass; service tokens and code's keys do not.
import { describe, expect, it } from 'vitest';
import { assembleTask } from './assemble-task.js';
import { findSecrets } from './scan-secrets.js';

// Split (`${'-----BEGIN'}`, `${'sk-ant-'}`) so this file does not itself read as holding secrets to a scan of the repository.
const PEM = `${'-----BEGIN'} RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\nKUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm\n${'-----END'} RSA PRIVATE KEY-----`;
const RANDOM = 'Xk29fLq0vR8mW3tYZp7q';
const ANTHROPIC = `${'sk-ant-'}api03-${RANDOM}${RANDOM}`;

describe('findSecrets in context', () => {
  // Before: each of these was "secret in tests/...": a signing library lost 26 candidates.
  it.each([
    ['a PEM test key assigned in a Python test', `import jwt\n\nTEST_KEY = """\n${PEM}\n"""\n`, 'tests/test_sign.py'],
    ['a PEM key passed to a loader in a JS test', `const key = createPrivateKey(\`${PEM}\`);\n`, 'test/sign.test.js'],
    ['a named key literal in a test', `const TEST_KEY = '${RANDOM}';\n`, 'tests/hmac.test.ts'],
  ])('lets through %s', (_name, text, path) => {
    expect(findSecrets(text, { testFile: true, path })).toEqual([]);
  });

  it('still finds the same key material in code, and a service token in a test', () => {
    expect(findSecrets(`TEST_KEY = """\n${PEM}\n"""\n`, { path: 'jwt/keys.py' })).not.toEqual([]);
    expect(findSecrets(`const TEST_KEY = '${RANDOM}';\n`, { path: 'src/hmac.ts' })).not.toEqual([]);
    expect(findSecrets(`const TEST_KEY = '${ANTHROPIC}';\n`, { testFile: true, path: 'tests/client.test.ts' })).toEqual([
      { line: 1, kind: 'Anthropic key or OAuth token' },
    ]);
  });

  it('lets through a token the documentation marks as fake, not one it does not', () => {
    const marked = `Set the token (a fake one here):\n\n    export ANTHROPIC_API_KEY=${ANTHROPIC}\n`;
    expect(findSecrets(marked.replace('(a fake one here)', ''), { docsFile: true, path: 'docs/setup.md' })).not.toEqual([]);
    expect(findSecrets(`${marked.replace('\n\n', '\n')}`, { docsFile: true, path: 'docs/setup.md' })).toEqual([]);
  });
});

describe('assembleTask names the way out of a secret', () => {
  it('says which --allow-secret keeps the change', () => {
    const file = (path: string, text: string) => ({ path, mode: '100644', type: 'blob', bytes: Buffer.from(text) });
    const tests = file('tests/client.test.ts', `const KEY = '${ANTHROPIC}';\n`);
    const result = assembleTask({
      parentTree: [],
      commitTree: new Map([[tests.path, tests]]),
      testPaths: [tests.path],
      solutionPaths: [],
      spec: '# Add a client\n',
      maxFileBytes: 1024,
    });
    expect(result).toEqual({
      ok: false,
      reason:
        'secret in tests/client.test.ts:1 (Anthropic key or OAuth token): --allow-secret tests/client.test.ts:1 keeps the change if it is no credential',
    });
  });
});
