// The document model's entry point.
export { deepClone, deepEqual } from './clone.js';
export { Document, resolve } from './document.js';
export { DocumentError, PatchError } from './errors.js';
export { applyPatch } from './patch.js';
export { formatPointer, parsePointer } from './pointer.js';
