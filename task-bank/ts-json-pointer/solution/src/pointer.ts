// RFC 6901 JSON Pointers over plain JSON values (see spec.md).
import { PointerError } from './errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~(?![01])/.test(pointer)) throw new PointerError(`bad pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(value: Json | undefined): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The array index a token names, or null (not an index: leading zero, sign, letters, `-`). */
function toIndex(token: string): number | null {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : null;
}

function child(parent: Json | undefined, token: string): Json | undefined {
  if (Array.isArray(parent)) {
    const index = toIndex(token);
    return index === null ? undefined : parent[index];
  }
  if (isContainer(parent) && Object.hasOwn(parent, token)) return parent[token];
  return undefined;
}

export function getPointer(doc: Json, pointer: string): Json {
  let value: Json | undefined = doc;
  for (const token of parsePointer(pointer)) {
    value = child(value, token);
    if (value === undefined) throw new PointerError(`not found: ${pointer}`);
  }
  return value;
}

/** Rebuilds the path to the last token's parent, letting `edit` change a copy of that parent. */
function editParent(doc: Json, pointer: string, edit: (parent: Container, token: string) => boolean): Json {
  const tokens = parsePointer(pointer);
  const walk = (node: Json | undefined, depth: number): Json => {
    if (!isContainer(node)) throw new PointerError(`not found: ${pointer}`);
    const token = tokens[depth] as string;
    const copy: Container = Array.isArray(node) ? [...node] : { ...node };
    if (depth === tokens.length - 1) {
      if (!edit(copy, token)) throw new PointerError(`not found: ${pointer}`);
      return copy;
    }
    const next = child(node, token);
    if (next === undefined) throw new PointerError(`not found: ${pointer}`);
    (copy as Record<string, Json>)[Array.isArray(copy) ? String(toIndex(token)) : token] = walk(next, depth + 1);
    return copy;
  };
  return walk(doc, 0);
}

export function setPointer(doc: Json, pointer: string, value: Json): Json {
  if (pointer === '') return value;
  return editParent(doc, pointer, (parent, token) => {
    if (!Array.isArray(parent)) {
      parent[token] = value;
      return true;
    }
    const index = token === '-' ? parent.length : toIndex(token);
    if (index === null || index > parent.length) return false;
    parent[index] = value;
    return true;
  });
}

export function removePointer(doc: Json, pointer: string): Json {
  if (pointer === '') {
    parsePointer(pointer);
    throw new PointerError('cannot remove the root');
  }
  return editParent(doc, pointer, (parent, token) => {
    if (!Array.isArray(parent)) {
      if (!Object.hasOwn(parent, token)) return false;
      delete parent[token];
      return true;
    }
    const index = toIndex(token);
    if (index === null || index >= parent.length) return false;
    parent.splice(index, 1);
    return true;
  });
}
