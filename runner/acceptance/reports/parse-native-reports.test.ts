// parseCargoTest on cargo 1.x output captured here (--no-fail-fast, three test binaries); parseGoTest on go test's -v and -json formats.
import { describe, expect, it } from 'vitest';
import { parseCargoTest } from './parse-cargo.js';
import { parseGoTest } from './parse-go.js';

const CARGO = `     Running unittests src/lib.rs (target/debug/deps/csamp-aaa5a163a1bb428e)

running 4 tests
test tests::ign ... ignored
test tests::ok1 ... ok
test tests::bad ... FAILED
test tests::ok2 ... ok

failures:
    tests::bad

test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass \`--lib\`
     Running tests/it.rs (target/debug/deps/it-a381959e7de3a66c)

running 1 test
test it_ok ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

   Doc-tests csamp

running 0 tests

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
`;

describe('parseCargoTest', () => {
  it('sums the result lines of every test binary, ignored tests neither passed nor failed', () => {
    expect(parseCargoTest(CARGO)).toEqual({ total: 5, passed: 3, failed: 1 });
  });

  it('reads only result lines at the start of a line, not indented test output', () => {
    const text = `${CARGO}    test result: ok. 50 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n`;
    expect(parseCargoTest(text)).toEqual({ total: 5, passed: 3, failed: 1 });
  });

  it('gives null for a build error (no result line)', () => {
    expect(parseCargoTest('error[E0425]: cannot find function `add` in this scope\nerror: could not compile `csamp`\n')).toBeNull();
  });
});

describe('parseGoTest', () => {
  it('counts top-level --- lines of go test -v, not indented subtests', () => {
    const text = [
      '=== RUN   TestAdd',
      '--- PASS: TestAdd (0.00s)',
      '=== RUN   TestTable',
      '    --- FAIL: TestTable/neg (0.00s)',
      '--- FAIL: TestTable (0.00s)',
      '--- SKIP: TestLater (0.00s)',
      'FAIL',
      'FAIL\texample.com/m\t0.002s',
    ].join('\n');
    expect(parseGoTest(text)).toEqual({ total: 3, passed: 1, failed: 1 });
  });

  it('counts a package whose closing line says FAIL with no failed test as one failed test', () => {
    const text = [
      '=== RUN   TestAdd',
      '--- PASS: TestAdd (0.00s)',
      'PASS',
      'ok  \texample.com/m/a\t0.002s',
      '=== RUN   TestSub',
      '--- PASS: TestSub (0.00s)',
      'panic: boom in TestMain',
      'FAIL\texample.com/m/b\t0.003s',
      'FAIL\texample.com/m/c [build failed]',
    ].join('\n');
    expect(parseGoTest(text)).toEqual({ total: 4, passed: 2, failed: 2 });
  });

  it('keeps failures above a printed "ok" line and ignores indented --- lines', () => {
    const text = [
      '--- FAIL: TestA (0.00s)',
      'ok  \tfake\t0.001s',
      '    --- PASS: TestFake (0.00s)',
      '--- PASS: TestB (0.00s)',
      'FAIL\texample.com/m\t0.002s',
    ].join('\n');
    expect(parseGoTest(text)).toEqual({ total: 3, passed: 1, failed: 2 });
  });

  it('reads go test -json events, top-level tests only', () => {
    const text = [
      '{"Action":"run","Package":"m","Test":"TestAdd"}',
      '{"Action":"pass","Package":"m","Test":"TestAdd","Elapsed":0}',
      '{"Action":"fail","Package":"m","Test":"TestTable/neg","Elapsed":0}',
      '{"Action":"fail","Package":"m","Test":"TestTable","Elapsed":0}',
      '{"Action":"fail","Package":"m","Elapsed":0.01}',
      '{not json',
    ].join('\n');
    expect(parseGoTest(text)).toEqual({ total: 2, passed: 1, failed: 1 });
  });

  it('gives null for a build failure', () => {
    expect(parseGoTest('# example.com/m\n./a.go:3:1: syntax error\nFAIL\texample.com/m [build failed]\n')).toBeNull();
  });
});
