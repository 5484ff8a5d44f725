// Which files are mutated and which hidden tests cover them: go by package folder, Python and JavaScript by language.
import { describe, expect, it } from 'vitest';
import { groupTestFiles } from './group-test-files.js';
import { resolveInTreeLinks } from './read-head-files.js';

describe('groupTestFiles', () => {
  it("covers a go file with its own folder's tests and testdata, and leaves a package without tests untested", () => {
    const { groups, untested } = groupTestFiles([
      'go.mod',
      'calc.go',
      'calc_test.go',
      'testdata/cases.json',
      'sub/sub.go',
      'sub/sub_test.go',
      'cmd/tool/main.go',
      'vendor/x/x.go',
    ]);
    expect(groups).toEqual([
      { key: 'go:.', language: 'go', hidden: ['calc_test.go', 'testdata/cases.json'], tests: ['calc_test.go'], sources: ['calc.go'] },
      { key: 'go:sub', language: 'go', hidden: ['sub/sub_test.go'], tests: ['sub/sub_test.go'], sources: ['sub/sub.go'] },
    ]);
    expect(untested).toEqual(['cmd/tool/main.go']);
  });

  it('covers every Python or JavaScript source with all the tests of its language, helpers and snapshots hidden with them', () => {
    const { groups } = groupTestFiles([
      'src/semver/version.py',
      'setup.py',
      'tests/conftest.py',
      'tests/test_bump.py',
      'src/index.ts',
      'src/index.d.ts',
      'src/index.spec.ts',
      'src/__snapshots__/index.spec.ts.snap',
      'vitest.config.ts',
      'docs/usage.md',
    ]);
    expect(groups.map(({ key, hidden, tests, sources }) => ({ key, hidden, tests, sources }))).toEqual([
      {
        key: 'javascript',
        hidden: ['src/index.spec.ts', 'src/__snapshots__/index.spec.ts.snap'],
        tests: ['src/index.spec.ts'],
        sources: ['src/index.ts'],
      },
      {
        key: 'python',
        hidden: ['tests/conftest.py', 'tests/test_bump.py'],
        tests: ['tests/test_bump.py'],
        sources: ['src/semver/version.py'],
      },
    ]);
  });
});

describe('resolveInTreeLinks', () => {
  it('replaces a link to a file of the tree with its bytes and leaves out links outside it', () => {
    const blob = (path: string, text: string, mode = '100644') => ({ path, mode, type: 'blob', bytes: Buffer.from(text) });
    const files = resolveInTreeLinks([
      blob('docs/advanced/coerce.py', 'def coerce(): pass\n'),
      blob('tests/coerce.py', '../docs/advanced/coerce.py', '120000'),
      blob('tests/passwd', '../../etc/passwd', '120000'),
      blob('tests/abs', '/etc/passwd', '120000'),
    ]);
    expect(Object.fromEntries([...files].map(([path, bytes]) => [path, bytes.toString()]))).toEqual({
      'docs/advanced/coerce.py': 'def coerce(): pass\n',
      'tests/coerce.py': 'def coerce(): pass\n',
    });
  });
});
