import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../src/errors.js';
import { loadConfig } from '../src/load-config.js';
import { defineSchema } from '../src/schema.js';

// Loaded leniently: a missing module or export fails only the tests that use it, not the whole file.
const load = (path) => import(path).catch(() => ({}));
const { coerceEnvValue, envNameFor } = await load('../src/env.js');

const schema = defineSchema({
  'server.port': { type: 'number', default: 8080 },
  'server.host': { type: 'string', default: 'localhost' },
  'log.level': { type: 'string', default: 'info', choices: ['debug', 'info', 'warn'] },
  'log.maxFiles': { type: 'number', default: 5 },
  'features.beta': { type: 'boolean', default: false },
  'cors.origins': { type: 'list', default: [] },
  'db.url': { type: 'string', required: true },
  'db.pool': { type: 'number' },
});

test('envNameFor', () => {
  assert.equal(envNameFor('server.port', 'APP_'), 'APP_SERVER__PORT');
  assert.equal(envNameFor('log.maxFiles', 'APP_'), 'APP_LOG__MAX_FILES');
  assert.equal(envNameFor('db.url', 'MY_'), 'MY_DB__URL');
});
test('coerceEnvValue: numbers', () => {
  assert.equal(coerceEnvValue(' 42 ', 'number'), 42);
  assert.equal(coerceEnvValue('4e2', 'number'), 400);
  for (const bad of ['', 'abc', 'Infinity']) {
    assert.throws(() => coerceEnvValue(bad, 'number'), (e) => e instanceof ConfigError && e.message.includes(JSON.stringify(bad).slice(1, -1)), bad);
  }
});
test('coerceEnvValue: booleans, lists, strings', () => {
  for (const t of ['true', 'YES', 'on', '1']) assert.equal(coerceEnvValue(t, 'boolean'), true, t);
  for (const f of ['false', 'No', 'OFF', '0']) assert.equal(coerceEnvValue(f, 'boolean'), false, f);
  assert.throws(() => coerceEnvValue('maybe', 'boolean'), (e) => e instanceof ConfigError && e.message.includes('maybe'));
  assert.deepEqual(coerceEnvValue('a, b,,c', 'list'), ['a', 'b', 'c']);
  assert.deepEqual(coerceEnvValue('', 'list'), []);
  assert.equal(coerceEnvValue(' x ', 'string'), ' x ');
});
test('env beats file beats default', () => {
  const config = loadConfig(
    schema,
    { server: { port: 9000, host: 'file-host' }, db: { url: 'pg://file' } },
    { env: { APP_SERVER__PORT: '9090', APP_FEATURES__BETA: 'yes', APP_CORS__ORIGINS: 'a.com, b.com' } },
  );
  assert.equal(config.get('server.port'), 9090);
  assert.equal(config.get('server.host'), 'file-host');
  assert.equal(config.get('log.level'), 'info');
  assert.equal(config.get('features.beta'), true);
  assert.deepEqual(config.get('cors.origins'), ['a.com', 'b.com']);
});
test('a required key can come from the environment; other prefixes and variables are ignored', () => {
  const config = loadConfig(schema, {}, { env: { APP_DB__URL: 'pg://env', PATH: '/bin', HOME: '/root' } });
  assert.equal(config.get('db.url'), 'pg://env');
  const custom = loadConfig(schema, {}, { prefix: 'SVC_', env: { SVC_DB__URL: 'pg://svc', APP_NOPE: '1' } });
  assert.equal(custom.get('db.url'), 'pg://svc');
});
test('bad variable values throw ConfigError with the variable, key and source', () => {
  const cases = [
    ['APP_SERVER__PORT', 'eighty', 'server.port'],
    ['APP_LOG__LEVEL', 'loud', 'log.level'],
    ['APP_FEATURES__BETA', 'maybe', 'features.beta'],
  ];
  for (const [name, raw, key] of cases) {
    assert.throws(
      () => loadConfig(schema, { db: { url: 'x' } }, { env: { [name]: raw } }),
      (e) => e instanceof ConfigError && e.message.includes(name) && e.key === key && e.source === `env:${name}`,
      name,
    );
  }
});
test('an unknown prefixed variable throws ConfigError naming it', () => {
  assert.throws(
    () => loadConfig(schema, { db: { url: 'x' } }, { env: { APP_SERVER__PROT: '1' } }),
    (e) => e instanceof ConfigError && e.message.includes('APP_SERVER__PROT'),
  );
});
test('sourceOf tells where each value came from', () => {
  const config = loadConfig(schema, { db: { url: 'pg://file' } }, { env: { APP_LOG__MAX_FILES: '9' } });
  assert.equal(config.sourceOf('server.port'), 'default');
  assert.equal(config.sourceOf('db.url'), 'file');
  assert.equal(config.sourceOf('log.maxFiles'), 'env:APP_LOG__MAX_FILES');
  assert.equal(config.sourceOf('db.pool'), 'unset');
  // Without options loadConfig behaves as before.
  const plain = loadConfig(schema, { db: { url: 'pg://file' } });
  assert.equal(plain.get('server.port'), 8080);
  assert.equal(plain.sourceOf('server.port'), 'default');
  assert.throws(() => loadConfig(schema, {}), (e) => e instanceof ConfigError && e.message.includes('db.url'));
  assert.throws(() => config.sourceOf('nope'), ConfigError);
});
test('explain lists every key sorted with value and source', () => {
  const config = loadConfig(schema, { db: { url: 'pg://file' } }, { env: { APP_SERVER__PORT: '9090' } });
  assert.deepEqual(config.explain(), [
    'cors.origins=[] (default)',
    'db.pool=undefined (unset)',
    'db.url="pg://file" (file)',
    'features.beta=false (default)',
    'log.level="info" (default)',
    'log.maxFiles=5 (default)',
    'server.host="localhost" (default)',
    'server.port=9090 (env:APP_SERVER__PORT)',
  ]);
});
