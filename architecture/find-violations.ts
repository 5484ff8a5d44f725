// The rules, checked over an import graph: floors, circles, pure modules, the kernel's own imports, errors and exits.
import picomatch from 'picomatch';
import { CLOCK_READS, EXIT_ALLOWED_GLOBS, FLOORS, IMPURE_MODULES, KERNEL_ALLOWED, PURE_GLOBS, SIDEWAYS } from './floors.js';
import type { ModuleInfo } from './read-import-graph.js';

export const folderOf = (path: string): string => path.split('/')[0] ?? path;

/** `from -> to` for every import that goes up a floor, or sideways without being listed in SIDEWAYS. */
export function findUpwardImports(modules: ModuleInfo[]): string[] {
  const found: string[] = [];
  for (const module of modules) {
    const from = folderOf(module.path);
    for (const target of module.local) {
      const to = folderOf(target);
      if (from === to || !(to in FLOORS)) continue;
      const [a, b] = [FLOORS[from] ?? 99, FLOORS[to] ?? 99];
      if (b > a || (b === a && !SIDEWAYS.has(`${from} -> ${to}`)))
        found.push(`${module.path} -> ${target} (${from}, floor ${a}, may not import ${to}, floor ${b})`);
    }
  }
  return found;
}

/** Every import circle among the modules (Tarjan's strongly connected components of two or more, or a self-import). */
export function findCircles(modules: ModuleInfo[]): string[][] {
  const edges = new Map(modules.map((module) => [module.path, module.local]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1 || (edges.get(node) ?? []).includes(node)) circles.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return circles;
}

/** Pure modules that import I/O or read the clock. */
export function findImpureModules(modules: ModuleInfo[]): string[] {
  const isPure = picomatch(PURE_GLOBS);
  const found: string[] = [];
  for (const module of modules.filter((m) => isPure(m.path))) {
    for (const name of module.external) if (IMPURE_MODULES.includes(name)) found.push(`${module.path} imports ${name}`);
    for (const pattern of CLOCK_READS)
      if (pattern.test(stripComments(module.text))) found.push(`${module.path} reads the clock (${pattern.source})`);
  }
  return found;
}

/** Kernel modules that import anything but Node's own modules and each other. */
export function findKernelImports(modules: ModuleInfo[]): string[] {
  return modules
    .filter((module) => folderOf(module.path) === 'kernel')
    .flatMap((module) => [
      ...module.external.filter((name) => !KERNEL_ALLOWED.test(name)).map((name) => `${module.path} imports ${name}`),
      ...module.local.filter((target) => folderOf(target) !== 'kernel').map((target) => `${module.path} imports ${target}`),
    ]);
}

/** Error classes defined outside the kernel (one error type: the kernel's AppError). */
export function findErrorTypes(modules: ModuleInfo[]): string[] {
  return modules
    .filter((module) => folderOf(module.path) !== 'kernel' && /\bclass\s+\w+\s+extends\s+\w*Error\b/.test(module.text))
    .map((module) => module.path);
}

/** Modules outside the programs' entry points that call process.exit. */
export function findExits(modules: ModuleInfo[]): string[] {
  const allowed = picomatch(EXIT_ALLOWED_GLOBS);
  return modules
    .filter((module) => !allowed(module.path) && /\bprocess\.exit\s*\(/.test(stripComments(module.text)))
    .map((module) => module.path);
}

/** Source text without comments, so a comment that names `Date.now()` is not taken for a call (strings stay: good enough here). */
export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
