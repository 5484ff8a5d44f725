// Evaluates an AST to a number, with variables (assigned, given, constants) and functions (given, built-in).
import { BUILTINS, CONSTANTS } from './builtins.js';
import { ExprError } from './errors.js';

function lookupVariable(node, scope) {
  if (scope.assigned.has(node.name)) return scope.assigned.get(node.name);
  if (Object.hasOwn(scope.variables, node.name)) return scope.variables[node.name];
  if (Object.hasOwn(CONSTANTS, node.name)) return CONSTANTS[node.name];
  throw new ExprError(`unknown variable ${node.name}`, node.pos);
}

function callFunction(node, scope) {
  const args = node.args.map((arg) => evaluate(arg, scope));
  if (Object.hasOwn(scope.functions, node.name)) return scope.functions[node.name](...args);
  const builtin = Object.hasOwn(BUILTINS, node.name) ? BUILTINS[node.name] : undefined;
  if (!builtin) throw new ExprError(`unknown function ${node.name}`, node.pos);
  if (args.length < builtin.min || args.length > builtin.max) {
    const want = builtin.max === builtin.min ? `${builtin.min}` : `${builtin.min} or more`;
    throw new ExprError(`${node.name} takes ${builtin.max === 2 ? '1 or 2' : want} argument(s), got ${args.length}`, node.pos);
  }
  return builtin.fn(...args);
}

function binary(node, left, right) {
  switch (node.op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
    case '%':
      if (right === 0) throw new ExprError('division by zero', node.pos);
      return node.op === '/' ? left / right : left % right;
    case '^':
      return left ** right;
  }
  throw new ExprError(`unknown operator ${node.op}`, node.pos);
}

/** scope: { variables, functions, assigned: Map } (all optional); assignments go into scope.assigned. */
export function evaluate(node, scope = {}) {
  scope.variables ??= {};
  scope.functions ??= {};
  scope.assigned ??= new Map();
  switch (node.type) {
    case 'num':
      return node.value;
    case 'neg':
      return -evaluate(node.arg, scope);
    case 'bin':
      return binary(node, evaluate(node.left, scope), evaluate(node.right, scope));
    case 'var':
      return lookupVariable(node, scope);
    case 'call':
      return callFunction(node, scope);
    case 'assign': {
      const value = evaluate(node.value, scope);
      scope.assigned.set(node.name, value);
      return value;
    }
    case 'seq': {
      let last;
      for (const statement of node.body) last = evaluate(statement, scope);
      return last;
    }
  }
  throw new ExprError(`unknown node ${node.type}`, node.pos);
}
