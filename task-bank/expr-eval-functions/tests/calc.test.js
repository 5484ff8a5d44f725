import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calc, ExprError, formatExpr, parse } from '../src/index.js';

const throwsExpr = (fn, part) => assert.throws(fn, (e) => e instanceof ExprError && e.message.includes(part), part);

test('variables from options and constants', () => {
  assert.equal(calc('x * 2 + y', { variables: { x: 3, y: 1 } }), 7);
  assert.equal(calc('2 * pi'), 2 * Math.PI);
  assert.equal(calc('e'), Math.E);
  assert.equal(calc('pi', { variables: { pi: 3 } }), 3);
});
test('unknown variable names the variable and its position', () => {
  assert.throws(() => calc('1 + foo'), (e) => e instanceof ExprError && e.message.includes('unknown variable foo') && e.position === 4);
});
test('power is right-associative and binds tighter than unary minus', () => {
  assert.equal(calc('2 ^ 3 ^ 2'), 512);
  assert.equal(calc('-2 ^ 2'), -4);
  assert.equal(calc('2 ^ -1'), 0.5);
  assert.equal(calc('(-2) ^ 2'), 4);
  assert.equal(calc('2 * 3 ^ 2'), 18);
});
test('remainder has the precedence of * and /', () => {
  assert.equal(calc('7 % 4'), 3);
  assert.equal(calc('1 + 7 % 4 * 2'), 7);
  assert.equal(calc('-7 % 4'), -3);
  throwsExpr(() => calc('5 % 0'), 'division by zero');
  // The existing operators keep their results and errors.
  assert.equal(calc('1 + 2 * -(3 - 1) / 4'), 0);
  throwsExpr(() => calc('1 / 0'), 'division by zero');
});
test('built-in functions', () => {
  assert.equal(calc('abs(-3) + sqrt(16) + floor(2.7) + ceil(2.1)'), 12);
  assert.equal(calc('max(1, 5, 3) - min(4, 2)'), 3);
  assert.equal(calc('round(2.5)'), 3);
  assert.equal(calc('round(3.14159, 2)'), 3.14);
  assert.equal(calc('max(2)'), 2);
});
test('built-in arity errors and unknown functions', () => {
  throwsExpr(() => calc('abs(1, 2)'), 'abs');
  throwsExpr(() => calc('abs()'), 'argument');
  throwsExpr(() => calc('min()'), 'min');
  throwsExpr(() => calc('round(1, 2, 3)'), 'round');
  throwsExpr(() => calc('nope(1)'), 'unknown function nope');
});
test('user functions come first', () => {
  const functions = { double: (x) => x * 2, abs: () => 42, hyp: (a, b) => Math.hypot(a, b) };
  assert.equal(calc('double(4) + abs(-1)', { functions }), 50);
  assert.equal(calc('hyp(3, 4)', { functions }), 5);
});
test('statements, assignments and the value of the last one', () => {
  assert.equal(calc('r = 2; pi * r ^ 2'), Math.PI * 4);
  assert.equal(calc('a = 1; b = a + 1; a = b * 10'), 20);
  assert.equal(calc('x = 5;'), 5);
  const variables = { x: 1 };
  assert.equal(calc('x = x + 1; x * 3', { variables }), 6);
  assert.deepEqual(variables, { x: 1 });
});
test('empty programs and syntax errors', () => {
  throwsExpr(() => calc('   '), 'empty');
  throwsExpr(() => calc('max(1,'), 'at 6');
  throwsExpr(() => calc('1 + $'), 'at 4');
});
test('parse builds the new nodes', () => {
  const ast = parse('y = f(x, 2)');
  assert.equal(ast.type, 'assign');
  assert.equal(ast.name, 'y');
  assert.equal(ast.value.type, 'call');
  assert.equal(ast.value.name, 'f');
  assert.equal(ast.value.args[0].type, 'var');
  assert.equal(ast.value.args[0].name, 'x');
  const seq = parse('a = 1; a');
  assert.equal(seq.type, 'seq');
  assert.equal(seq.body.length, 2);
});
test('formatExpr prints the new syntax', () => {
  assert.equal(formatExpr('max( a,b*2 )'), 'max(a, b * 2)');
  assert.equal(formatExpr('r=2;pi*r^2'), 'r = 2; pi * r ^ 2');
  assert.equal(formatExpr('7%(2+1)'), '7 % (2 + 1)');
  assert.equal(formatExpr('(1+2)*-(3)'), '(1 + 2) * -3');
});
test('formatExpr parenthesises powers correctly', () => {
  assert.equal(formatExpr('2^3^2'), '2 ^ 3 ^ 2');
  assert.equal(formatExpr('(2^3)^2'), '(2 ^ 3) ^ 2');
  assert.equal(formatExpr('(-2)^2'), '(-2) ^ 2');
  assert.equal(formatExpr('-2^2'), '-2 ^ 2');
  assert.equal(formatExpr('2^-1'), '2 ^ (-1)');
  assert.equal(formatExpr('(1+2)^2'), '(1 + 2) ^ 2');
});
