import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MethodNotAllowedError, NotFoundError } from '../src/errors.js';
import { Router } from '../src/router.js';

const h = (name) => () => name;
const nameOf = (router, method, target) => router.match(method, target).handler();

test('a :param matches one segment and is returned in params', () => {
  const r = new Router().get('/users/:id', h('user'));
  const m = r.match('GET', '/users/42?full=1');
  assert.equal(m.handler(), 'user');
  assert.deepEqual(m.params, { id: '42' });
  assert.deepEqual(m.query, { full: ['1'] });
  assert.throws(() => r.match('GET', '/users/42/posts'), NotFoundError);
  assert.throws(() => r.match('GET', '/users'), NotFoundError);
});
test('several params in one pattern', () => {
  const r = new Router().get('/users/:userId/posts/:postId', h('post'));
  assert.deepEqual(r.match('GET', '/users/7/posts/9').params, { userId: '7', postId: '9' });
});
test('a named wildcard takes one or more remaining segments', () => {
  const r = new Router().get('/files/*path', h('file'));
  assert.deepEqual(r.match('GET', '/files/a/b.txt').params, { path: 'a/b.txt' });
  assert.deepEqual(r.match('GET', '/files/x').params, { path: 'x' });
  assert.throws(() => r.match('GET', '/files'), NotFoundError);
});
test('a bare * is stored under "*"', () => {
  const r = new Router().get('/static/*', h('static'));
  assert.deepEqual(r.match('GET', '/static/css/site.css').params, { '*': 'css/site.css' });
});
test('values are percent-decoded, + kept, bad escapes kept as written', () => {
  const r = new Router().get('/tags/:tag', h('tag'));
  assert.deepEqual(r.match('GET', '/tags/a%20b').params, { tag: 'a b' });
  assert.deepEqual(r.match('GET', '/tags/c++').params, { tag: 'c++' });
  assert.deepEqual(r.match('GET', '/tags/a%2Fb').params, { tag: 'a/b' });
  assert.deepEqual(r.match('GET', '/tags/%E0%A4%A').params, { tag: '%E0%A4%A' });
});
test('static beats param beats wildcard, whatever the registration order', () => {
  const r = new Router().get('/users/*rest', h('wild')).get('/users/:id', h('param')).get('/users/me', h('static'));
  assert.equal(nameOf(r, 'GET', '/users/me'), 'static');
  assert.equal(nameOf(r, 'GET', '/users/5'), 'param');
  assert.equal(nameOf(r, 'GET', '/users/5/x'), 'wild');
});
test('specificity is decided at the first differing segment', () => {
  const r = new Router().get('/a/:x/c', h('x')).get('/a/b/:y', h('y'));
  assert.equal(nameOf(r, 'GET', '/a/b/c'), 'y');
  assert.equal(nameOf(r, 'GET', '/a/z/c'), 'x');
});
test('invalid patterns throw TypeError naming the path', () => {
  const r = new Router();
  for (const bad of ['/a/*rest/b', '/a/:', '/a/:1x', '/a/:id/:id']) {
    assert.throws(() => r.get(bad, h('bad')), (e) => e instanceof TypeError && e.message.includes(bad), bad);
  }
});
test('patterns differing only in names are duplicates', () => {
  const r = new Router().get('/u/:id', h('a'));
  assert.throws(() => r.get('/u/:name', h('b')), /duplicate route/);
  r.post('/u/:name', h('c'));
});
test('405 lists the methods of every route matching the path', () => {
  const r = new Router().get('/items/:id', h('g')).add('DELETE', '/items/:id', h('d')).add('PUT', '/items/*rest', h('p'));
  assert.throws(
    () => r.match('POST', '/items/3'),
    (e) => e instanceof MethodNotAllowedError && e.status === 405 && e.allowed.join(',') === 'DELETE,GET,PUT',
  );
  assert.equal(nameOf(r, 'HEAD', '/items/3'), 'g');
  assert.deepEqual(r.allowedMethods('/items/3?x=1'), ['DELETE', 'GET', 'PUT']);
  assert.deepEqual(r.allowedMethods('/nothing'), []);
  assert.equal(nameOf(r, 'PUT', '/items/3'), 'p');
});
test('exact paths and handle() keep working with params', () => {
  const r = new Router().get('/health', h('ok')).get('/echo/:word', (req) => `${req.method} ${req.params.word} ${req.path}`);
  assert.equal(nameOf(r, 'GET', '//health/'), 'ok');
  assert.equal(r.handle('get', '/echo/hi'), 'GET hi /echo/hi');
});
