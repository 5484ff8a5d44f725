// Environment-variable overrides: the variable name for a schema key and the coercion of its text to the key's type.
import { ConfigError } from './errors.js';

/** 'log.maxFiles' with prefix 'APP_' -> 'APP_LOG__MAX_FILES'. */
export function envNameFor(key, prefix) {
  return prefix + key.replace(/\./g, '__').replace(/([A-Z])/g, '_$1').toUpperCase();
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

/** Converts a variable's text to the schema type; throws a ConfigError quoting the text. */
export function coerceEnvValue(raw, type) {
  switch (type) {
    case 'number': {
      const text = raw.trim();
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) throw new ConfigError(`expected a number, got ${JSON.stringify(raw)}`);
      return value;
    }
    case 'boolean': {
      const lower = raw.trim().toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      throw new ConfigError(`expected a boolean, got ${JSON.stringify(raw)}`);
    }
    case 'list':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    default:
      return raw;
  }
}
