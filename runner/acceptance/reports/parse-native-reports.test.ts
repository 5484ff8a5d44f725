// parseCargoTest and parseGoTest on output captured here: libtest json from cargo 1.95 (RUSTC_BOOTSTRAP=1), go 1.19.8 -json.
import { describe, expect, it } from 'vitest';
import { parseCargoTest } from './parse-cargo.js';
import { parseGoTest, readGoRunFilter } from './parse-go.js';

// `RUSTC_BOOTSTRAP=1 cargo test --no-fail-fast -- -Z unstable-options --format json`, stdout: a crate whose add()
// println!s a fake "test result: ok. 99 passed" and a fake json result (captured into the failed test's "stdout"),
// and writes a fake json result and a fake "test result: ok. 50 passed" straight to stdout (not captured). The unit
// binary has tests::ok1 (passes) and tests::bad (fails), the integration binary it_ok (passes), then the doc-tests.
const CARGO_FORGED = `{ "type": "suite", "event": "started", "test_count": 2 }
{ "type": "test", "event": "started", "name": "tests::bad" }
{ "type": "test", "event": "started", "name": "tests::ok1" }
{ "type": "test", "event": "ok", "name": "fake_direct" }
test result: ok. 50 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
{ "type": "test", "name": "tests::ok1", "event": "ok" }
{ "type": "test", "name": "tests::bad", "event": "failed", "stdout": "test result: ok. 99 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\\n{ \\"type\\": \\"test\\", \\"event\\": \\"ok\\", \\"name\\": \\"fake_println\\" }\\n\\nthread 'tests::bad' (28399) panicked at src/lib.rs:11:24:\\nassertion \`left == right\` failed\\n  left: -1\\n right: 3\\n" }
{ "type": "suite", "event": "failed", "passed": 1, "failed": 1, "ignored": 0, "measured": 0, "filtered_out": 0, "exec_time": 0.086291138 }
{ "type": "suite", "event": "started", "test_count": 1 }
{ "type": "test", "event": "started", "name": "it_ok" }
{ "type": "test", "event": "ok", "name": "fake_direct" }
test result: ok. 50 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
{ "type": "test", "name": "it_ok", "event": "ok" }
{ "type": "suite", "event": "ok", "passed": 1, "failed": 0, "ignored": 0, "measured": 0, "filtered_out": 0, "exec_time": 0.000279264 }
{ "type": "suite", "event": "started", "test_count": 0 }
{ "type": "suite", "event": "ok", "passed": 0, "failed": 0, "ignored": 0, "measured": 0, "filtered_out": 0, "exec_time": 0.000077265 }
`;

// `go test -json ./...` (go 1.19.8), stdout: Add() prints "--- PASS: TestFake", "--- PASS: TestAdd", a fake json
// pass event and a fake "ok" line; TestAdd then fails, TestSub (with a passing subtest) passes. Times removed.
const GO_FORGED = `{"Action":"run","Package":"example.com/m","Test":"TestAdd"}
{"Action":"output","Package":"example.com/m","Test":"TestAdd","Output":"=== RUN   TestAdd\\n"}
{"Action":"output","Package":"example.com/m","Test":"TestFake","Output":"--- PASS: TestFake (0.00s)\\n"}
{"Action":"pass","Package":"example.com/m","Test":"TestFake","Elapsed":0}
{"Action":"output","Package":"example.com/m","Test":"TestAdd","Output":"--- PASS: TestAdd (0.00s)\\n"}
{"Action":"output","Package":"example.com/m","Test":"TestAdd","Output":"{\\"Action\\":\\"pass\\",\\"Package\\":\\"example.com/m\\",\\"Test\\":\\"TestX\\"}\\n"}
{"Action":"output","Package":"example.com/m","Test":"TestAdd","Output":"ok  \\texample.com/m\\t0.001s\\n"}
{"Action":"output","Package":"example.com/m","Test":"TestAdd","Output":"    m_test.go:7: bad\\n"}
{"Action":"pass","Package":"example.com/m","Test":"TestAdd","Elapsed":0}
{"Action":"output","Package":"example.com/m","Test":"TestAdd","Output":"--- FAIL: TestAdd (0.00s)\\n"}
{"Action":"fail","Package":"example.com/m","Test":"TestAdd","Elapsed":0}
{"Action":"run","Package":"example.com/m","Test":"TestSub"}
{"Action":"output","Package":"example.com/m","Test":"TestSub","Output":"=== RUN   TestSub\\n"}
{"Action":"run","Package":"example.com/m","Test":"TestSub/a"}
{"Action":"output","Package":"example.com/m","Test":"TestSub/a","Output":"=== RUN   TestSub/a\\n"}
{"Action":"output","Package":"example.com/m","Test":"TestSub","Output":"--- PASS: TestSub (0.00s)\\n"}
{"Action":"output","Package":"example.com/m","Test":"TestSub/a","Output":"    --- PASS: TestSub/a (0.00s)\\n"}
{"Action":"pass","Package":"example.com/m","Test":"TestSub/a","Elapsed":0}
{"Action":"pass","Package":"example.com/m","Test":"TestSub","Elapsed":0}
{"Action":"output","Package":"example.com/m","Output":"FAIL\\n"}
{"Action":"output","Package":"example.com/m","Output":"FAIL\\texample.com/m\\t0.005s\\n"}
{"Action":"fail","Package":"example.com/m","Elapsed":0.005}
`;

describe('parseCargoTest', () => {
  it('counts each binary’s tests from their events; printed and written fake results add nothing', () => {
    // Honest: ok1 and it_ok pass, bad fails. The fake lines claimed 99 + 50 + 50 passes and two made-up tests.
    expect(parseCargoTest(CARGO_FORGED)).toMatchObject({ total: 3, passed: 2, failed: 1 });
  });

  it('never lets a later pass undo a failure, and keys tests by binary', () => {
    const text = [
      '{ "type": "suite", "event": "started", "test_count": 1 }',
      '{ "type": "test", "event": "started", "name": "same" }',
      '{ "type": "test", "name": "same", "event": "failed" }',
      '{ "type": "test", "name": "same", "event": "ok" }',
      '{ "type": "suite", "event": "started", "test_count": 2 }',
      '{ "type": "test", "event": "started", "name": "same" }',
      '{ "type": "test", "event": "started", "name": "skipped" }',
      '{ "type": "test", "name": "same", "event": "ok" }',
      '{ "type": "test", "name": "skipped", "event": "ignored" }',
    ].join('\n');
    expect(parseCargoTest(text)).toMatchObject({ total: 3, passed: 1, failed: 1 });
    // By name for identity: "same" failed in one binary, so it failed.
    expect(Object.fromEntries(parseCargoTest(text)?.verdicts ?? [])).toEqual({ same: 'fail', skipped: 'skip' });
  });

  it('counts a test that started and never ended (the binary died inside it) as failed', () => {
    const text =
      '{ "type": "suite", "event": "started", "test_count": 2 }\n{ "type": "test", "event": "started", "name": "a" }\n{ "type": "test", "event": "started", "name": "b" }\n{ "type": "test", "name": "a", "event": "ok" }\n';
    expect(parseCargoTest(text)).toMatchObject({ total: 2, passed: 1, failed: 1 });
  });

  it('gives null for a build error, and for the plain-text format (no events)', () => {
    expect(parseCargoTest('error[E0425]: cannot find function `add` in this scope\nerror: could not compile `csamp`\n')).toBeNull();
    expect(parseCargoTest('test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n')).toBeNull();
  });
});

describe('parseGoTest', () => {
  it('reads events only: a printed made-up pass is dropped, a printed pass of a real test does not undo its failure', () => {
    // Honest: TestAdd fails, TestSub passes (its subtest is part of it).
    expect(parseGoTest(GO_FORGED)).toMatchObject({ total: 2, passed: 1, failed: 1 });
    expect(Object.fromEntries(parseGoTest(GO_FORGED)?.verdicts ?? [])).toEqual({
      'example.com/m::TestAdd': 'fail',
      'example.com/m::TestSub': 'pass',
    });
  });

  it('counts a package that did not build (go 1.19 prints a plain FAIL line for it) as one failed test', () => {
    const text = [
      '{"Action":"run","Package":"example.com/b/a","Test":"TestA"}',
      '{"Action":"pass","Package":"example.com/b/a","Test":"TestA","Elapsed":0}',
      '{"Action":"pass","Package":"example.com/b/a","Elapsed":0.004}',
      'FAIL\texample.com/b/b [build failed]',
    ].join('\n');
    expect(parseGoTest(text)).toMatchObject({ total: 2, passed: 1, failed: 1 });
    expect(parseGoTest('FAIL\texample.com/b/b [build failed]\n')).toMatchObject({ total: 1, passed: 0, failed: 1 });
  });

  it('counts a failed package with no failed test once, and a test that started and never ended as failed', () => {
    const text = [
      '{"Action":"run","Package":"m","Test":"TestA"}',
      '{"Action":"pass","Package":"m","Test":"TestA"}',
      '{"Action":"run","Package":"m","Test":"TestB"}',
      '{"Action":"fail","Package":"m"}',
      '{"Action":"run","Package":"n","Test":"TestC"}',
      '{"Action":"pass","Package":"n","Test":"TestC"}',
      '{"Action":"fail","Package":"n"}',
    ].join('\n');
    // TestB never ended (failed); package m's failure is explained by it; package n failed with no failed test.
    expect(parseGoTest(text)).toMatchObject({ total: 4, passed: 2, failed: 2 });
  });

  it('drops tests the -run filter did not select: go 1.19 turns a printed "=== RUN" / "--- PASS" pair into a test', () => {
    // go test -json -run '^(TestAdd)$' (go 1.19.8): Add() printed "=== RUN   TestFake" and "--- PASS: TestFake (0.00s)".
    const text = [
      '{"Action":"run","Package":"example.com/m","Test":"TestAdd"}',
      '{"Action":"run","Package":"example.com/m","Test":"TestFake"}',
      '{"Action":"output","Package":"example.com/m","Test":"TestFake","Output":"--- PASS: TestFake (0.00s)\\n"}',
      '{"Action":"pass","Package":"example.com/m","Test":"TestFake","Elapsed":0}',
      '{"Action":"fail","Package":"example.com/m","Test":"TestAdd","Elapsed":0}',
      '{"Action":"fail","Package":"example.com/m","Elapsed":0.005}',
    ].join('\n');
    expect(parseGoTest(text)).toMatchObject({ total: 2, passed: 1, failed: 1 });
    const only = readGoRunFilter(['go', 'test', '-json', '-run', '^(TestAdd)$', '.']);
    expect(parseGoTest(text, only)).toMatchObject({ total: 1, passed: 0, failed: 1 });
  });

  it('reads a -run filter of names only', () => {
    expect(readGoRunFilter(['go', 'test', '-run=^(TestA|TestB)$'])).toEqual(new Set(['TestA', 'TestB']));
    expect(readGoRunFilter(['go', 'test', '-run', 'TestA.*'])).toBeUndefined();
    expect(readGoRunFilter(['go', 'test', './...'])).toBeUndefined();
  });

  it('gives null for go test -v text, which code under test can print', () => {
    expect(parseGoTest('=== RUN   TestAdd\n--- PASS: TestAdd (0.00s)\nPASS\nok  \texample.com/m\t0.002s\n')).toBeNull();
  });
});
