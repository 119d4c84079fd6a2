import { objectsOf, parseManifest, type K8sObject } from '../../engine';
import { evaluateUnit, loadPolicies, makeEnv } from '../../policies';

/** Every object of a manifest text. */
export function objects(text: string): K8sObject[] {
  return parseManifest(text, {}).docs.flatMap((pd) => (pd.doc ? objectsOf(pd) : []));
}

/**
 * The policies of a manifest text evaluated on its objects (those `judged` picks), unit by unit in the units'
 * order: each violation as `unit-id<on>: path message`, and `unit-id<on>: unknown reason` for a unit that could
 * not be evaluated when `unknown` is set. `on` names the object (e.g. ` on NAME`).
 */
export function judgeUnits(text: string, judged: (o: K8sObject) => boolean, on: (o: K8sObject) => string, unknown: boolean): string[] {
  const all = objects(text);
  const { units } = loadPolicies(all);
  const env = makeEnv(all);
  const out: string[] = [];
  for (const u of units) {
    for (const o of all.filter(judged)) {
      const r = evaluateUnit(u, o, env);
      for (const v of r.violations) out.push(`${u.id}${on(o)}: ${v.path.join('.')} ${v.message}`);
      if (unknown && r.unknown) out.push(`${u.id}${on(o)}: unknown ${r.unknown}`);
    }
  }
  return out;
}
