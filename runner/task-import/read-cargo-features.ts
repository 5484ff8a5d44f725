// The cargo features a repository's tests run with: those its CI's `cargo test` enables, else all of them; pure.
import type { RepoView } from './repo-view.js';

/** CI workflow files, read at the commit beside the manifests (read-candidate.ts). */
export const CI_WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** A `[features]` table with a feature other than `default`, in a Cargo.toml's text. */
function declaresFeatures(manifest: string): boolean {
  const table = /^\[features\]\s*$/m.exec(manifest);
  if (!table) return false;
  const body = manifest.slice(table.index + table[0].length);
  const end = /^\[/m.exec(body);
  const names = [...(end ? body.slice(0, end.index) : body).matchAll(/^\s*([\w"-]+)\s*=/gm)].map((match) =>
    (match[1] as string).replaceAll('"', ''),
  );
  return names.some((name) => name !== 'default');
}

/**
 * The feature flags for `cargo test`: `--all-features` when a CI workflow's `cargo test` passes it, or when the
 * crate declares features and CI names none it can read (a `${{ matrix.features }}`, no workflow); `--features a,b`
 * for the features CI's `cargo test` lines name; none for a crate without features. Tests behind a feature ran
 * nowhere before (3 commits of one crate lost).
 */
export function chooseCargoFeatures(repo: RepoView): string[] {
  const named = new Set<string>();
  let all = false;
  let unsure = false;
  for (const path of [...repo.paths].filter((candidate) => CI_WORKFLOW.test(candidate)).sort()) {
    for (const line of (repo.read(path) ?? '').split(/\r?\n/)) {
      if (!/\bcargo\s+(?:\+\S+\s+)?(?:test|nextest)\b/.test(line)) continue;
      if (/--all-features\b/.test(line)) all = true;
      for (const match of line.matchAll(/(?:--features|-F)(?:\s+|=)("[^"]*"|'[^']*'|\S+)/g)) {
        const value = (match[1] as string).replace(/^["']|["']$/g, '');
        if (value.includes('$')) unsure = true;
        else for (const feature of value.split(/[\s,]+/)) if (feature !== '') named.add(feature);
      }
    }
  }
  const manifest = repo.read('Cargo.toml') ?? '';
  if (all || (unsure && declaresFeatures(manifest))) return ['--all-features'];
  if (named.size > 0) return ['--features', [...named].sort().join(',')];
  return declaresFeatures(manifest) ? ['--all-features'] : [];
}
