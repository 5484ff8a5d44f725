// The repository layer's errors.

export class NotFoundError extends Error {
  constructor(collection, id) {
    super(`${collection} ${id} not found`);
    this.name = 'NotFoundError';
    this.id = id;
  }
}

export class ValidationError extends Error {
  constructor(field, problem) {
    super(`${field}: ${problem}`);
    this.name = 'ValidationError';
    this.field = field;
  }
}

export class QueryError extends Error {
  constructor(message) {
    super(message);
    this.name = 'QueryError';
  }
}
