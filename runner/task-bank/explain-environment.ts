// Names the cause of a test run that never got to run its tests (a missing runner, plugin, module or toolchain); pure.
import { stripVTControlCharacters } from 'node:util';
import { type MissingModule, NODE_MISSING_PATTERNS, describeNodeMissing, readNodeMissing } from './read-missing-module.js';

export type { MissingModule } from './read-missing-module.js';

export interface EnvironmentFailure {
  /** One line: what is missing or unreadable. */
  cause: string;
  /** One line: what to do about it. */
  fix: string;
  /** The last lines of the run's output, for the log. */
  tail: string[];
  /** The module the tests could not load, as the tool named it (find-own-module.ts tells the repository's own). */
  module?: MissingModule;
  /** The missing module is the repository's own, at this path (find-own-module.ts): not a package to install. */
  ownModule?: string;
  /** No file of the repository provides that module at this commit: the tests do not load there, whatever is installed. */
  notProvided?: boolean;
}

/** How the cause of a failure no known pattern explains begins. */
export const UNEXPLAINED = 'the tests did not run: ';

/** How many lines of output an environment failure keeps. */
export const TAIL_LINES = 40;

const INSTALL_DEPENDENCIES =
  "install the repository's dependencies where the tests run: a lockfile with the packages in your npm cache (offline), or --setup-network (npm install from the registry), or your own --setup-command";

// --setup-network fetches nothing for cargo: the tests run offline whatever the set-up could reach.
const CARGO_FIX =
  'provide the crates: vendor them in the repository (cargo vendor, with the [source] replacement it prints in .cargo/config.toml), or fill a CARGO_HOME on the host (CARGO_HOME=DIR cargo fetch in a checkout) and run the import with CARGO_HOME=DIR set: the tests read it, read-only and offline';

const PYTHON_VERSION_FIX =
  'install the version the repository asks for (setup.cfg, pyproject.toml, requirements files) for the python3 the tests run with (pip install on the host, or a newer Debian python3-* package), or give a --setup-command that installs it from wheels you keep (pip install --no-index --find-links DIR --target .pyenv)';

/** A known way a run fails before its tests: [pattern, cause, fix, and the module it names when it names one]. */
type Known = [
  RegExp,
  (match: RegExpExecArray) => string,
  string | ((match: RegExpExecArray) => string),
  ((match: RegExpExecArray) => MissingModule)?,
];

/** The known ways a run fails before its tests, most specific first. */
const KNOWN: Known[] = [
  [
    // run-task-setup.ts's own words: the candidate is named in the rejection, not here, so equal limits stop the import.
    /hit its time limit of (\d+) s \(--setup-timeout\)/,
    (m) => `the set-up hit its time limit of ${m[1]} s`,
    'raise --setup-timeout, or give a quicker --setup-command (with --setup-network an npm lockfile is fetched once outside the sandbox, so the time is the install itself)',
  ],
  [
    // npm's own code for an offline install missing a package (npm-registry-fetch, "cache mode is 'only-if-cached'").
    /offline from the import's npm cache[^\n]*[\s\S]*\bENOTCACHED\b/,
    () => "npm could not install offline: a package the lockfile pins is not in the import's npm cache (ENOTCACHED)",
    "read the candidate's log for the package npm names: a git, file or URL dependency, or a version the registry no longer has, is not fetched; give your own --setup-command",
  ],
  [
    /\bENOTCACHED\b/,
    () => 'npm could not install offline: a package the lockfile pins is not in the npm cache (ENOTCACHED)',
    "pass --setup-network: each lockfile's packages are then fetched once, outside the sandbox, into the import's own npm cache, and the set-up installs offline from it",
  ],
  [
    /error: unrecognized arguments: ([^\n]+)/,
    (m) => `pytest: unrecognized arguments ${m[1]?.trim()} (the repository's pytest configuration needs a plugin that is not installed)`,
    'install the plugin for the python3 the tests run with (pip install, or the Debian python3-* package), or pass --test-command without those options',
  ],
  [
    /No module named '?([\w.]+)'?/,
    (m) => `python module ${m[1]} is not installed`,
    // The import's Python set-up reaches no index, with or without --setup-network: the module comes from the host.
    "install it for the python3 the tests run with (Debian's python3-* package, or pip install on the host), or give a --setup-command that installs it from wheels you keep (pip install --no-index --find-links DIR)",
    (m) => ({ language: 'python', name: m[1] as string }),
  ],
  [
    // An installed but too-old (or too-new) distribution: setuptools' pkg_resources and pytest's own minversion and
    // required_plugins checks. Before, such a candidate read "tests fail on the solution: 1 of 1".
    /(?:VersionConflict: \((\S+) ([^\s(]+)[^\n]*?Requirement\.parse\('([^']+)'\)|DistributionNotFound: The '([^']+)' distribution was not found|'minversion' requires pytest-([\w.]+), actual pytest-([\w.]+)|Missing required plugins: ([^\n]+))/,
    (m) =>
      m[1] !== undefined
        ? `python package ${m[1]} ${m[2]} is installed, the repository requires ${m[3]}`
        : m[4] !== undefined
          ? `python requirement ${m[4]} is not installed`
          : m[5] !== undefined
            ? `pytest ${m[6]} is installed, the repository requires pytest ${m[5]} or newer`
            : `pytest plugins the repository requires are not installed: ${m[7]?.trim()}`,
    PYTHON_VERSION_FIX,
  ],
  [
    // A name the installed package lacks (it sits in site-packages, so it is no module of the repository's own).
    /ImportError: cannot import name '([\w.]+)' from '([\w.]+)' \(([^)\n]*(?:site|dist)-packages[^)\n]*)\)/,
    (m) => `python package ${m[2]} is installed without ${m[1]} (${m[3]}): too old or too new for this commit`,
    PYTHON_VERSION_FIX,
  ],
  [
    // node: a subpath the installed package's "exports" lacks, an installed version other than the one the tests need.
    /Package subpath '([^']+)' is not defined by "exports" in (\S*node_modules\/((?:@[^/\s]+\/)?[^/\s]+))\/package\.json/,
    (m) => `node package ${m[3]} is installed without its export ${m[1]}: another version than the one this commit needs`,
    INSTALL_DEPENDENCIES,
  ],
  [
    // cargo's resolver, offline: no version in the registry cache meets a requirement (an optional crate too).
    /failed to select a version for (?:the requirement )?`([^`]+)`/,
    (m) => `cargo could not resolve ${m[1]} offline: no version in the registry cache meets it`,
    CARGO_FIX,
  ],
  [
    // A dependency's native addon (fs-ext's build/Release/fs_ext.node): its install script builds it, and the default
    // set-up skips install scripts. Seen importing this project's own history.
    /Cannot find module '([^']*\.node)'/,
    (m) => `native addon ${m[1]} is not built (the set-up skips the dependencies' install scripts)`,
    "let the set-up build it in the sandbox, without running the repository's own scripts: --setup-command \"bash -c 'npm ci --prefer-offline --ignore-scripts --no-audit --no-fund && npm rebuild <the addon's package> --nodedir=<a folder with include/node/node.h, e.g. /usr>'\" (node-gyp cannot download node's headers offline)",
  ],
  ...NODE_MISSING_PATTERNS.map(
    (pattern): Known => [
      pattern,
      (m) => describeNodeMissing(readNodeMissing(m)).cause,
      (m) => describeNodeMissing(readNodeMissing(m)).fix ?? INSTALL_DEPENDENCIES,
      readNodeMissing,
    ],
  ),
  [
    /(?:spawn (\S+) ENOENT|([^\s:]+): (?:command )?not found)/,
    (m) => `the test command ${m[1] ?? m[2]} is not installed`,
    INSTALL_DEPENDENCIES,
  ],
  [
    /(?:cannot find module providing package|no required module provides package|missing go\.sum entry for module providing package) ([^\s;,]+)/,
    (m) => `go module for ${m[1]} is not in the module cache (the tests run offline)`,
    'download it once into a GOMODCACHE the sandbox can read (go mod download), or pass --setup-network',
  ],
  [
    /(?:no matching package named `([^`]+)`|failed to get `([^`]+)` as a dependency|attempting to make an HTTP request, but --offline was specified)/,
    (m) => `cargo dependency ${m[1] ?? m[2] ?? ''} is not in the registry cache (the tests run offline)`.replace('  ', ' '),
    CARGO_FIX,
  ],
  [
    // Before "Permission denied": bwrap's own refusal ("bwrap: Can't mkdir parents for X: Permission denied") is the
    // sandbox failing to start, which no toolchain move fixes.
    /^(?:bwrap|setpriv|unshare): ([^\n]*)/m,
    (m) => `the sandbox could not start (an infrastructure failure, not the commit's): ${m[0].trim().slice(0, 160)}`,
    'see docs/isolation.md (what the sandbox hides and binds); if it names a folder, check its mode, or pass --no-isolation to try without',
  ],
  [
    /expected the test tool's folder (\S+) to be readable by uid (\d+)/,
    (m) => `the toolchain folder ${m[1]} is not readable by the sandbox's user (uid ${m[2]})`,
    'install the toolchain outside /root (e.g. RUSTUP_HOME=/usr/local/rustup), use --isolation bwrap (which binds it through), or pass --no-isolation',
  ],
  [
    /([^\n]*[Pp]ermission denied[^\n]*)/,
    (m) => `a file the tests need is not readable inside the sandbox: ${m[1]?.trim().slice(0, 160)}`,
    'install the toolchain where the sandbox user can read it (outside /root, e.g. RUSTUP_HOME=/usr/local/rustup), or pass --no-isolation',
  ],
];

/** The cause and fix of a run that did not get to its tests, from its output; the last line when no known cause matches. */
export function explainEnvironment(printed: string): EnvironmentFailure {
  // vitest's default reporter colours its error lines: `Error: ... imported from /w/src/a.ts\x1b[39m` named no file.
  const output = stripVTControlCharacters(printed);
  const lines = output.split(/\r?\n/).filter((line) => line.trim() !== '');
  const tail = lines.slice(-TAIL_LINES);
  for (const [pattern, describe, fix, name] of KNOWN) {
    const match = pattern.exec(output);
    if (match)
      return { cause: describe(match), fix: typeof fix === 'string' ? fix : fix(match), tail, ...(name ? { module: name(match) } : {}) };
  }
  const line = pickCauseLine(lines)?.trim().slice(0, 200) ?? 'no output at all';
  return { cause: `${UNEXPLAINED}${line}`, fix: 'read the log, then fix the environment or give --test-command', tail };
}

/**
 * The first line that says an error (`Error: ENOENT: ... mkdir '.../node_modules/.vite-temp'`, `error[E0433]: ...`,
 * `npm ERR! ...`), else the last line that reads as words: a stack frame or the `}` closing an error object printed
 * after the message is no cause (vitest's start-up error was reported as "}").
 */
function pickCauseLine(lines: readonly string[]): string | undefined {
  const said = lines.find((line) => /(?:^|\s)(?:(?:[A-Z]\w*Error|[Ee]rror(?:\[\w+\])?|FATAL|fatal):|ERR!)\s/.test(`${line} `));
  if (said !== undefined) return said;
  return lines.findLast((line) => /\w{3}/.test(line) && !/^\s*at\s/.test(line)) ?? lines.at(-1);
}
