// JSON Patch (RFC 6902): add, remove, replace, move, copy and test over a deep copy of a JSON value.
import { deepClone, deepEqual } from './clone.js';
import { PatchError } from './errors.js';
import { parsePointer } from './pointer.js';

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const INDEX = /^(0|[1-9]\d*)$/;

/** A working state: the root is boxed so "" can be replaced like any other location. */
class Patcher {
  constructor(value) {
    this.box = { root: deepClone(value) };
  }

  /** The container and key of a location; the container must exist. */
  locate(pointer, fail, { allowDash = false, forInsert = false } = {}) {
    const tokens = parseOrFail(pointer, fail);
    let container = this.box;
    let key = 'root';
    for (let i = 0; i < tokens.length; i++) {
      const node = container[key];
      const token = tokens[i];
      const last = i === tokens.length - 1;
      if (Array.isArray(node)) {
        if (token === '-' && last && allowDash) {
          container = node;
          key = node.length;
          continue;
        }
        if (!INDEX.test(token)) fail(`bad array index in ${pointer}`);
        const index = Number(token);
        if (index > node.length || (index === node.length && !(last && forInsert))) fail(`no location ${pointer}`);
        container = node;
        key = index;
      } else if (node !== null && typeof node === 'object') {
        if (!last && !Object.hasOwn(node, token)) fail(`no location ${pointer}`);
        container = node;
        key = token;
      } else {
        fail(`no location ${pointer}`);
      }
    }
    return { container, key };
  }

  exists({ container, key }) {
    return Array.isArray(container) ? key < container.length : Object.hasOwn(container, key);
  }

  read(pointer, fail) {
    const at = this.locate(pointer, fail);
    if (!this.exists(at)) fail(`no value at ${pointer}`);
    return at.container[at.key];
  }

  add(pointer, value, fail) {
    const at = this.locate(pointer, fail, { allowDash: true, forInsert: true });
    if (Array.isArray(at.container) && at.container !== this.box) at.container.splice(at.key, 0, value);
    else at.container[at.key] = value;
  }

  remove(pointer, fail) {
    const at = this.locate(pointer, fail);
    if (!this.exists(at)) fail(`no value at ${pointer}`);
    const value = at.container[at.key];
    if (Array.isArray(at.container)) at.container.splice(at.key, 1);
    else delete at.container[at.key];
    return value;
  }
}

function parseOrFail(pointer, fail) {
  try {
    return parsePointer(pointer);
  } catch (error) {
    return fail(error.message);
  }
}

function applyOne(patcher, operation, fail) {
  const need = (field) => {
    if (!Object.hasOwn(operation, field)) fail(`missing ${field}`);
    if (field !== 'value' && typeof operation[field] !== 'string') fail(`${field} must be a string`);
  };
  need('path');
  const { path } = operation;
  switch (operation.op) {
    case 'add':
      need('value');
      return patcher.add(path, deepClone(operation.value), fail);
    case 'remove':
      return patcher.remove(path, fail);
    case 'replace':
      need('value');
      patcher.read(path, fail);
      patcher.remove(path, fail);
      return patcher.add(path, deepClone(operation.value), fail);
    case 'move': {
      need('from');
      const { from } = operation;
      if (path.startsWith(`${from}/`)) fail(`cannot move ${from} into its own child ${path}`);
      const value = patcher.remove(from, fail);
      return patcher.add(path, value, fail);
    }
    case 'copy':
      need('from');
      return patcher.add(path, deepClone(patcher.read(operation.from, fail)), fail);
    case 'test':
      need('value');
      if (!deepEqual(patcher.read(path, fail), operation.value)) fail(`test failed at ${path}`);
  }
}

/** Returns the patched copy of value; throws PatchError naming the failing operation. */
export function applyPatch(value, ops) {
  if (!Array.isArray(ops)) throw new PatchError('operation -1: a patch must be an array', -1, undefined);
  const patcher = new Patcher(value);
  ops.forEach((operation, index) => {
    const op = operation?.op;
    const fail = (problem) => {
      throw new PatchError(`operation ${index} (${op}): ${problem}`, index, op);
    };
    if (!OPS.has(op)) fail(`unknown op ${JSON.stringify(op)}`);
    applyOne(patcher, operation, fail);
  });
  return patcher.box.root;
}
