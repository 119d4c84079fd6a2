import { isWithin, joinPath, normalizePath, type ReadOnlyFs } from '../fs';
import { KustomizeError } from './errors';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** A remote base or resource (URL, git): never fetched. */
export function isRemote(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || /^git@/.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)[/:]/.test(path) || /\?ref=|\/\/.*\?|\.git(\/\/|$|\?)/.test(path) || /^[^/]+::/.test(path);
}

export function remoteError(path: string): KustomizeError {
  const e = new KustomizeError(`remote resource '${path}' is not fetched: kubehex builds offline (vendor the base or build it with kustomize)`);
  e.remote = path;
  return e;
}

/**
 * kustomize's file loader: a root directory, the chain of roots that led here (cycle detection) and the
 * load restrictor (files must be inside the root unless LoadRestrictionsNone).
 */
export class Loader {
  constructor(
    readonly fs: ReadOnlyFs,
    readonly root: string,
    readonly restrict: boolean,
    readonly referrer?: Loader,
    /** Files read through any loader of this build (the render's `inputs`). */
    readonly reads: Set<string> = new Set(),
  ) {}

  /** The first missing component of `p`, as Go's lstat reports it. */
  private lstatMissing(p: string): string {
    const parts = p.split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      cur += '/' + part;
      if (!this.fs.stat(cur)) return cur;
    }
    return p;
  }

  private evalSymlinkFailure(p: string): KustomizeError {
    return new KustomizeError(`evalsymlink failure on '${p}' : lstat ${this.lstatMissing(p)}: no such file or directory`);
  }

  /** The absolute path of a file for `load`, checked against the load restrictor. */
  resolveFile(path: string): string {
    const abs = path.startsWith('/') ? normalizePath(path) : joinPath(this.root, path);
    const st = this.fs.stat(abs);
    if (!st) throw this.evalSymlinkFailure(abs);
    if (this.restrict) {
      if (st === 'dir') throw new KustomizeError(`'${abs}' must resolve to a file`);
      if (!isWithin(this.root, abs)) throw new KustomizeError(`security; file '${abs}' is not in or below '${this.root}'`);
    }
    return abs;
  }

  load(path: string): string {
    if (isRemote(path)) throw remoteError(path);
    const abs = this.resolveFile(path);
    const text = this.fs.readText(abs);
    if (text === undefined) {
      if (this.fs.stat(abs) === 'dir') throw new KustomizeError(`read ${abs}: is a directory`);
      throw new KustomizeError(`open ${abs}: cannot read file`);
    }
    this.reads.add(abs);
    return text;
  }

  loadBytes(path: string): Uint8Array {
    if (isRemote(path)) throw remoteError(path);
    const abs = this.resolveFile(path);
    const b = this.fs.readBytes(abs);
    if (!b) throw new KustomizeError(`open ${abs}: cannot read file`);
    this.reads.add(abs);
    return b;
  }

  /** A loader for a base or component directory (not subject to the restrictor, but to cycle checks). */
  child(path: string): Loader {
    if (!path) throw new KustomizeError('new root cannot be empty');
    if (isRemote(path)) throw remoteError(path);
    if (path.startsWith('/')) throw new KustomizeError(`new root '${path}' cannot be absolute`);
    const abs = joinPath(this.root, path);
    const st = this.fs.stat(abs);
    if (!st) throw new KustomizeError(`must build at directory: not a valid directory: ${this.evalSymlinkFailure(abs).message}`);
    if (st !== 'dir') throw new KustomizeError(`must build at directory: '${abs}': file is not directory`);
    for (let l: Loader | undefined = this; l; l = l.referrer) {
      if (isWithin(abs, l.root)) throw new KustomizeError(`cycle detected: candidate root '${abs}' contains visited root '${l.root}'`);
    }
    return new Loader(this.fs, abs, this.restrict, this, this.reads);
  }
}
