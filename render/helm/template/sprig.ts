/** Sprig's function map (Sprig 3.2.3, as Helm 3.12 uses it), clean-room from its documentation and observed behaviour. */
import type { SignedFunc } from './func-sig';
import { sprigJsonFuncs } from './helm-yaml-funcs';
import { dictFuncs } from './sprig-dicts';
import { listFuncs } from './sprig-lists';
import { mathFuncs } from './sprig-math';
import { reflectFuncs } from './sprig-reflect';
import { stringFuncs } from './sprig-strings';
import { miscFuncs } from './sprig-misc';

export function sprigFuncs(): Record<string, SignedFunc> {
  return { ...stringFuncs(), ...listFuncs(), ...dictFuncs(), ...mathFuncs(), ...reflectFuncs(), ...sprigJsonFuncs(), ...miscFuncs() };
}
