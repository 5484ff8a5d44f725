// Reduces a merge to the one commit of its branch that carries the fix and its tests, or refuses it as mixed.
import { classifyPath } from './classify-path.js';
import { readTestConventions } from './read-candidate.js';
import { type BranchCommit, listBranchCommits, type LoggedCommit, readCommitFiles } from './read-git.js';
import { relateBranchCommits } from './relate-branch-commits.js';

export type MergeReduction = { ok: true; commit: LoggedCommit } | { ok: false; reason: string };

/** Subjects named in a refusal, the rest counted. */
const NAMED = 4;

/**
 * A merge's diff against its first parent holds every commit of its branch: toolz's "faster imports" merge also
 * brought a currying rule its spec never stated. A spec states one change, so the task is the branch's one commit that
 * changes both tests and code (against its own parent), or a branch of one commit. A branch whose tests and code came
 * in separate commits ("Test a", "Fix a": the commonest pull request) is the merge against its first parent, one
 * task, when relate-branch-commits.ts finds its commits one change; else, and for several commits that each change
 * both, it is refused as mixed. Not a merge, or a branch that changes no tests or no code at all: the commit as it is.
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
  if (carriers.length === 0) {
    const tests = branch.flatMap((commit) => commit.paths).filter((path) => classifyPath(path, conventions) === 'test');
    const relation = relateBranchCommits(branch, conventions, await readCommitFiles(repo, logged.hash, [...new Set(tests)]));
    if (relation.related) return { ok: true, commit: { ...logged, parents: [parent], ...describePullRequest(logged, relation.fixes) } };
    return { ok: false, reason: `mixed merge: it brings ${branch.length} commits and ${relation.reason}: unrelated changes` };
  }
  const named = carriers.slice(0, NAMED).map((commit) => JSON.stringify(commit.subject.slice(0, 50)));
  const more = carriers.length - named.length;
  const list = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return {
    ok: false,
    reason: `mixed merge: it brings ${branch.length} commits and ${carriers.length} of them change both tests and code (${list}): a spec cannot state them all`,
  };
}

/**
 * A pull request's spec: its title (GitHub writes it as the merge's body, under "Merge pull request #N from ..."; a
 * plain "Merge branch" has none, and the first fix commit's subject is used), then each fix commit's message.
 */
function describePullRequest(merge: LoggedCommit, fixes: readonly BranchCommit[]): { subject: string; body: string } {
  const title = /^Merge\b/.test(merge.subject) ? merge.body.split('\n')[0]?.trim() || undefined : merge.subject;
  const messages = fixes.map((fix) => [fix.subject, fix.body].filter((part) => part.trim() !== '').join('\n\n'));
  if (title === undefined)
    return {
      subject: fixes[0]?.subject ?? merge.subject,
      body: [fixes[0]?.body ?? '', ...messages.slice(1)].filter((part) => part !== '').join('\n\n'),
    };
  return { subject: title, body: messages.join('\n\n') };
}

function dropPaths({ paths: _paths, ...commit }: BranchCommit): LoggedCommit {
  return commit;
}
