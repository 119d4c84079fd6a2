import { GlobSet } from '../engine';

/**
 * Glob and .gitignore matching for the workspace scan, on `/`-separated paths relative to a base folder:
 * the engine's GlobSet (no regular expressions, so no pattern can make matching backtrack).
 */
export type GlobRules = GlobSet;

/** The verdict of the last matching rule: true ignored, false re-included (`!`), undefined no match. */
export function matchRules(rules: GlobRules, rel: string, isDir: boolean): boolean | undefined {
  return rules.verdict(rel, isDir);
}

/** A predicate for plain globs (no negation): true when the path or a parent directory matches. */
export function compileGlobs(patterns: ReadonlyArray<string>): (rel: string, isDir: boolean) => boolean {
  const set = new GlobSet(patterns);
  return (rel, isDir) => set.matchesPathOrParent(rel, isDir);
}

export function parseGitignore(text: string): GlobRules {
  return new GlobSet(text.split(/\r?\n/), { gitignore: true });
}
