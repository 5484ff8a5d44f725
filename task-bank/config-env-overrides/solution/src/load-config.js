// Loads a config: schema defaults, overlaid by a (parsed) config file object, then environment variables; checked, read-only.
import { coerceEnvValue, envNameFor } from './env.js';
import { ConfigError } from './errors.js';
import { checkValue } from './schema.js';

/** { server: { port: 1 } } -> { 'server.port': 1 }. Arrays and non-plain values are leaves. */
export function flatten(object, prefix = '') {
  const out = {};
  for (const [name, value] of Object.entries(object ?? {})) {
    const key = prefix === '' ? name : `${prefix}.${name}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flatten(value, key));
    else out[key] = value;
  }
  return out;
}

export class Config {
  #values;
  #sources;

  constructor(values, sources = {}) {
    this.#values = values;
    this.#sources = sources;
  }

  /** 'default', 'file', 'env:<VARIABLE>' or 'unset'. */
  sourceOf(key) {
    this.get(key);
    return this.#sources[key] ?? (this.#values[key] === undefined ? 'unset' : 'default');
  }

  /** One "key=value (source)" line per key, sorted by key. */
  explain() {
    return Object.keys(this.#values)
      .sort()
      .map((key) => `${key}=${JSON.stringify(this.#values[key])} (${this.sourceOf(key)})`);
  }

  /** The value of a dotted key; throws on a key the schema does not have. */
  get(key) {
    if (!(key in this.#values)) throw new ConfigError(`unknown config key: ${key}`, { key });
    return this.#values[key];
  }

  /** Every key's value as a nested plain object. */
  toObject() {
    const out = {};
    for (const [key, value] of Object.entries(this.#values)) {
      const parts = key.split('.');
      let node = out;
      for (const part of parts.slice(0, -1)) node = node[part] ??= {};
      node[parts.at(-1)] = Array.isArray(value) ? [...value] : value;
    }
    return out;
  }
}

/** The coerced, checked value of a key's environment variable. */
function readEnvValue(key, spec, name, raw) {
  const source = `env:${name}`;
  let value;
  try {
    value = coerceEnvValue(String(raw), spec.type);
    checkValue(key, spec, value, source);
  } catch (error) {
    throw new ConfigError(`${name}: ${error.message}`, { key, source });
  }
  return value;
}

/**
 * loadConfig(schema, fileObject, { env, prefix }): every schema key gets its variable's value, else its file value,
 * else its default. A file key or prefixed variable the schema lacks, a badly typed value, or a required key with no
 * value is a ConfigError.
 */
export function loadConfig(schema, fileObject = {}, options = {}) {
  const env = options.env ?? {};
  const prefix = options.prefix ?? 'APP_';
  const file = flatten(fileObject);
  for (const key of Object.keys(file)) {
    if (!(key in schema)) throw new ConfigError(`unknown key in config file: ${key}`, { key, source: 'file' });
  }
  const names = new Map(Object.keys(schema).map((key) => [envNameFor(key, prefix), key]));
  for (const name of Object.keys(env)) {
    if (name.startsWith(prefix) && !names.has(name)) {
      throw new ConfigError(`unknown environment variable: ${name}`, { source: `env:${name}` });
    }
  }
  const values = {};
  const sources = {};
  for (const [key, spec] of Object.entries(schema)) {
    const name = envNameFor(key, prefix);
    if (env[name] !== undefined) {
      values[key] = readEnvValue(key, spec, name, env[name]);
      sources[key] = `env:${name}`;
    } else if (key in file) {
      sources[key] = 'file';
      checkValue(key, spec, file[key], 'file');
      values[key] = file[key];
    } else if (spec.default !== undefined) {
      values[key] = spec.default;
      sources[key] = 'default';
    } else if (spec.required) {
      throw new ConfigError(`missing required config key: ${key}`, { key });
    } else {
      values[key] = undefined;
    }
  }
  return new Config(values, sources);
}
