// Reduces a merge to the one commit of its branch that carries the fix and its tests, or refuses it as mixed.
import { classifyPath } from './classify-path.js';
import { readTestConventions } from './read-candidate.js';
import { type BranchCommit, listBranchCommits, type LoggedCommit } from './read-git.js';

export type MergeReduction = { ok: true; commit: LoggedCommit } | { ok: false; reason: string };

/** Subjects named in a refusal, the rest counted. */
const NAMED = 4;

/**
 * A merge's diff against its first parent holds every commit of its branch: toolz's "faster imports" merge also
 * brought a currying rule its spec never stated. A spec states one change, so the task is the branch's one commit that
 * changes both tests and code (against its own parent), or a branch of one commit; a branch with none or several such
 * commits is refused as mixed. Not a merge, or a branch that changes no tests or no code at all: the commit as it is.
 */
export async function reduceMerge(repo: string, logged: LoggedCommit): Promise<MergeReduction> {
  const [parent] = logged.parents;
  if (logged.parents.length < 2 || parent === undefined) return { ok: true, commit: logged };
  const branch = await listBranchCommits(repo, parent, logged.hash);
  const only = branch.length === 1 ? branch[0] : undefined;
  if (only) return { ok: true, commit: dropPaths(only) };
  const conventions = await readTestConventions(
    repo,
    logged.hash,
    branch.flatMap((commit) => commit.paths),
  );
  const changesBoth = (paths: string[]) => {
    const kinds = new Set(paths.map((path) => classifyPath(path, conventions)));
    return kinds.has('test') && kinds.has('source');
  };
  const carriers = branch.filter((commit) => changesBoth(commit.paths));
  const carrier = carriers.length === 1 ? carriers[0] : undefined;
  if (carrier) return { ok: true, commit: dropPaths(carrier) };
  // No tests or no code in the whole branch: the merge as it is, judged as any change ("no tests changed").
  if (!changesBoth(branch.flatMap((commit) => commit.paths))) return { ok: true, commit: logged };
  const named = (carriers.length > 0 ? carriers : branch).slice(0, NAMED).map((commit) => JSON.stringify(commit.subject.slice(0, 50)));
  const more = (carriers.length > 0 ? carriers : branch).length - named.length;
  const list = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const which =
    carriers.length === 0
      ? `none of them changes both tests and code (${list}): no one commit is the fix with its tests`
      : `${carriers.length} of them change both tests and code (${list}): a spec cannot state them all`;
  return { ok: false, reason: `mixed merge: it brings ${branch.length} commits and ${which}` };
}

function dropPaths({ paths: _paths, ...commit }: BranchCommit): LoggedCommit {
  return commit;
}
