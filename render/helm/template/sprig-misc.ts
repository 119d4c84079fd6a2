/** Sprig's path, URL, OS, network, semver, date and crypto functions. */
import { type SignedFunc, sig } from './func-sig';
import { pathFuncs } from './sprig-paths';
import { semverFuncs } from './sprig-semver';
import { timeFuncs } from './sprig-time';
import { cryptoFuncs } from './sprig-crypto';

export function miscFuncs(): Record<string, SignedFunc> {
  return {
    ...pathFuncs(), ...semverFuncs(), ...timeFuncs(), ...cryptoFuncs(),
    env: sig('string', () => ''),
    expandenv: sig('string', (s: string) => s.replace(/\$\{[^}]*\}|\$[A-Za-z0-9_]+/g, '')),
    getHostByName: sig('string', () => ''),
  };
}
