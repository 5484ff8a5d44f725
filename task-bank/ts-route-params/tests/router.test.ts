import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Router } from '../src/router.js';

const tag = (name: string) => (params: Record<string, string>) => `${name} ${JSON.stringify(params)}`;

test('parameters are captured and decoded', () => {
  const router = new Router().add('get', '/users/:id/posts/:post', tag('post'));
  assert.equal(router.handle('GET', '/users/a%20b/posts/7?x=1'), 'post {"id":"a b","post":"7"}');
  assert.equal(router.handle('GET', '/users//posts/7'), '404');
  assert.equal(router.handle('POST', '/users/1/posts/7'), '404');
});

test('a wildcard takes the rest of the path', () => {
  const router = new Router().add('GET', '/files/*', tag('files'));
  assert.equal(router.handle('GET', '/files'), 'files {"*":""}');
  assert.equal(router.handle('GET', '/files/a/b.txt/'), 'files {"*":"a/b.txt"}');
  assert.throws(() => router.add('GET', '/a/*/b', tag('x')), { message: 'wildcard must be last: /a/*/b' });
});

test('the most specific route wins, then the first added', () => {
  const router = new Router()
    .add('GET', '/users/:id', tag('param'))
    .add('GET', '/users/*', tag('wild'))
    .add('GET', '/users/me', tag('literal'))
    .add('GET', '/users/:name', tag('second'));
  assert.equal(router.handle('GET', '/users/me'), 'literal {}');
  assert.equal(router.handle('GET', '/users/42'), 'param {"id":"42"}');
  assert.equal(router.handle('GET', '/users/42/x'), 'wild {"*":"42/x"}');
});

test('exact routes still match, bad escapes do not', () => {
  const router = new Router().add('GET', '/health', tag('health')).add('GET', '/q/:v', tag('q'));
  assert.equal(router.handle('get', '/health/'), 'health {}');
  assert.equal(router.handle('GET', '/q/%C3%A9'), 'q {"v":"é"}');
  assert.equal(router.handle('GET', '/q/%E0%A4%A'), '404');
  assert.equal(router.match('GET', '/nothing'), null);
});
