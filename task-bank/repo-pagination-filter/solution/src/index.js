// The repository layer's entry point.
export { NotFoundError, QueryError, ValidationError } from './errors.js';
export { Repository } from './repository.js';
export { MemoryStore } from './store.js';
export { checkSchema, FIELD_TYPES, validateRecord } from './validate.js';
