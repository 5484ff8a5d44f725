// The document model's error types: DocumentError names the JSON Pointer involved, PatchError the failing operation.

export class DocumentError extends Error {
  constructor(message, pointer) {
    super(pointer === undefined ? message : `${message}: ${pointer}`);
    this.name = 'DocumentError';
    this.pointer = pointer;
  }
}

/** A JSON Patch failure: `index` is the operation's position in the patch, `op` its op name. */
export class PatchError extends Error {
  constructor(message, index, op) {
    super(message);
    this.name = 'PatchError';
    this.index = index;
    this.op = op;
  }
}
