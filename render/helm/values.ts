import type { ReadOnlyFs } from '../fs';
import { HelmError } from './chart';
import type { Coalescer } from './coalesce';
import { parseSet, StrvalsError } from './strvals';
import { parseValuesYaml, YamlValuesError } from './values-yaml';
import type { GoMap, ValueOrigins } from './value-origins';

/**
 * The user's values as `helm template` builds them before coalescing: `--values` files merged in order (a later
 * file wins; maps merge, anything else is replaced, nulls kept so they can delete chart defaults), then each
 * `--set`, then each `--set-string`, parsed into the result in order.
 */
export interface UserValuesInput {
  files: ReadonlyArray<string>;
  set: ReadonlyArray<string>;
  setString: ReadonlyArray<string>;
  makeInt: (n: number) => unknown;
}

export function userValues(fs: ReadOnlyFs, input: UserValuesInput, origins: ValueOrigins, co: Coalescer, read: Set<string>): GoMap {
  let base: GoMap = {};
  for (const f of input.files) {
    const text = fs.readText(f);
    if (text === undefined) throw new HelmError(`open ${f}: no such file or directory`, f);
    read.add(f);
    let parsed: GoMap;
    try {
      parsed = parseValuesYaml(text, f, origins).values;
    } catch (e) {
      if (e instanceof YamlValuesError) throw new HelmError(`failed to parse ${f}: ${e.message}`, f);
      throw e;
    }
    base = co.mergeUser(base, parsed);
  }
  const apply = (list: ReadonlyArray<string>, asString: boolean) => {
    for (const s of list) {
      try {
        parseSet(s, base, { asString, makeInt: input.makeInt, origins, expr: s });
      } catch (e) {
        if (e instanceof StrvalsError) throw new HelmError(`failed parsing ${asString ? '--set-string' : '--set'} data: ${e.message}`, '');
        throw e;
      }
    }
  };
  apply(input.set, false);
  apply(input.setString, true);
  return base;
}
