// A small request router: routes are (method, path) pairs with a handler; match() finds the one for a request.
import { MethodNotAllowedError, NotFoundError } from './errors.js';
import { compareSpecificity, compilePattern, matchPattern } from './pattern.js';
import { normalizePath, parseTarget, splitPath } from './url.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export class Router {
  #routes = [];

  /** Registers a route. Paths may hold :params and a trailing *wildcard (see pattern.js). */
  add(method, path, handler) {
    const upper = String(method).toUpperCase();
    if (!METHODS.has(upper)) throw new TypeError(`unknown method: ${method}`);
    if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`route path must start with /: ${path}`);
    if (typeof handler !== 'function') throw new TypeError(`handler for ${upper} ${path} must be a function`);
    const normal = normalizePath(path);
    const pattern = compilePattern(normal);
    if (this.#routes.some((r) => r.method === upper && r.pattern.shape === pattern.shape)) {
      throw new Error(`duplicate route: ${upper} ${normal}`);
    }
    this.#routes.push({ method: upper, path: normal, pattern, handler });
    return this;
  }

  get(path, handler) {
    return this.add('GET', path, handler);
  }

  post(path, handler) {
    return this.add('POST', path, handler);
  }

  put(path, handler) {
    return this.add('PUT', path, handler);
  }

  delete(path, handler) {
    return this.add('DELETE', path, handler);
  }

  /** The registered routes as "METHOD /path" strings, in registration order. */
  describe() {
    return this.#routes.map((r) => `${r.method} ${r.path}`);
  }

  /**
   * Finds the route for a request: { handler, params, query, path }.
   * Throws NotFoundError when no route has the path, MethodNotAllowedError when some do but not for this method.
   * HEAD falls back to the GET route.
   */
  match(method, target) {
    const upper = String(method).toUpperCase();
    const { path, query } = parseTarget(target);
    const segments = splitPath(path);
    const candidates = [];
    for (const route of this.#routes) {
      const params = matchPattern(route.pattern, segments);
      if (params) candidates.push({ route, params });
    }
    if (candidates.length === 0) throw new NotFoundError(path);
    let forMethod = candidates.filter((c) => c.route.method === upper);
    if (forMethod.length === 0 && upper === 'HEAD') forMethod = candidates.filter((c) => c.route.method === 'GET');
    if (forMethod.length === 0) {
      throw new MethodNotAllowedError(upper, path, [...new Set(candidates.map((c) => c.route.method))].sort());
    }
    const best = forMethod.sort((a, b) => compareSpecificity(a.route.pattern, b.route.pattern))[0];
    return { handler: best.route.handler, params: best.params, query, path };
  }

  /** The sorted methods that have a route for the target's path (for an OPTIONS answer); [] when none. */
  allowedMethods(target) {
    const segments = splitPath(parseTarget(target).path);
    const methods = this.#routes.filter((r) => matchPattern(r.pattern, segments)).map((r) => r.method);
    return [...new Set(methods)].sort();
  }

  /** Runs the matched handler with a request object and returns its result. */
  handle(method, target, body) {
    const { handler, params, query, path } = this.match(method, target);
    return handler({ method: String(method).toUpperCase(), path, params, query, body });
  }
}
