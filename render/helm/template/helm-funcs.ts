/** Helm's own template functions (Helm 3.12): include, tpl, required, fail, lookup and the YAML/JSON/TOML helpers. */
import type { ExecContext } from './exec';
import { FuncError } from './errors';
import { type SignedFunc, keepsArg, sig } from './func-sig';
import { sprigFuncs } from './sprig';
import { helmYamlFuncs } from './helm-yaml-funcs';

function required(warn: string, val: unknown): unknown {
  if (val === null || val === undefined || val === '') throw new FuncError(warn, warn);
  return val;
}

/** Helm's function map additions (without Sprig). */
export function helmFuncs(): Record<string, SignedFunc> {
  return {
    ...helmYamlFuncs(),
    include: sig('string, any', function (this: ExecContext, name: string, data: unknown) { return this.include(name, data); }),
    tpl: sig('string, any', function (this: ExecContext, text: string, data: unknown) { return this.tpl(text, data); }),
    required: sig('string, any', required, keepsArg(1)),
    fail: sig('string', (msg: string) => { throw new FuncError(msg, msg); }),
    lookup: sig('string, string, string, string', function (this: ExecContext, a: string, k: string, ns: string, n: string) {
      this.opts.helm?.onLookup?.(a, k, ns, n, this.callSite());
      return {};
    }),
  };
}

/** What Helm 3.12 parses and executes with: Sprig without env/expandenv, then Helm's functions. */
export function defaultFuncs(): Record<string, SignedFunc> {
  const f = sprigFuncs();
  delete f.env;
  delete f.expandenv;
  return { ...f, ...helmFuncs() };
}
