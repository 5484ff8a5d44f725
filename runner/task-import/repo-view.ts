// A read-only view of a repository tree at one commit, as the test command's detection reads it.

export interface RepoView {
  /** Every tracked path of the tree the tests will run on. */
  paths: ReadonlySet<string>;
  /** A tracked file's text, or undefined when the tree has no such file. */
  read(path: string): string | undefined;
}
