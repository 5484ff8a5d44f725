// The lockfiles npm ci installs from: shared by the import's detection (a pure reader) and the offline set-up.

/** In npm's order of preference: a shrinkwrap wins over package-lock.json. */
export const NPM_LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json'] as const;
