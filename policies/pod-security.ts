/**
 * Kyverno's `validate.podSecurity` judged by kubehex's own Pod Security Standards rules (those with a `pss`
 * control in the level's profile): the caller passes the rules, since policies/ does not import rules/.
 */
import { POD_SPEC_KINDS, RuleContext, type K8sObject, type Path, type Rule } from '../engine';

export interface PssFailure { path: Path; message: string }
/** The first failure of a level's rules on an object, in the rules' order (what a podSecurity rule shows), if any. */
export type PodSecurityCheck = (level: 'baseline' | 'restricted', excludedControls: ReadonlyArray<string>, o: K8sObject) => PssFailure | undefined;

export function podSecurityCheck(rules: ReadonlyArray<Rule>): PodSecurityCheck {
  // each rule judges an object once, whatever the number of podSecurity rules (levels, exclusions) asking
  const judged = new WeakMap<object, Map<Rule, PssFailure[]>>();
  const failuresOf = (r: Rule, controls: string[], o: K8sObject): PssFailure[] => {
    let perRule = judged.get(o.value);
    if (!perRule) { perRule = new Map(); judged.set(o.value, perRule); }
    let out = perRule.get(r);
    if (out) return out;
    out = [];
    const ctx = new RuleContext(o, { ...(r.meta.defaultOptions ?? {}) }, [o]);
    let crashed = false;
    try { r.check(ctx); } catch { crashed = true; }
    if (!crashed) {
      const kind = o.kind;
      const name = o.name;
      for (const rep of ctx.reports) {
        // the message is made when read: a podSecurity rule shows only its first failure's
        let message: string | undefined;
        out.push({
          path: rep.path,
          get message(): string {
            if (message === undefined) {
              const tmpl = r.meta.messages[rep.messageId] ?? rep.messageId;
              const data: Record<string, string | number> = { kind, name, ...(rep.data ?? {}) };
              const text = tmpl.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
              message = `${controls[0]}: ${text}`;
            }
            return message;
          },
        });
      }
    }
    perRule.set(r, out);
    return out;
  };
  const controlsOf = new Map<Rule, string[]>();
  for (const r of rules) if (r.meta.pss) controlsOf.set(r, r.meta.pss.replace(/^\w+:\s*/, '').split(/,\s*/));
  // the rules a level, its exclusions and a kind ask for, in the rules' order: worked out once per combination
  const asked = new Map<string, Rule[]>();
  const rulesFor = (level: string, excluded: ReadonlyArray<string>, kind: string): Rule[] => {
    // (a JSON key never starts with a level's name)
    const key = excluded.length ? JSON.stringify([level, kind, excluded]) : `${level}\n${kind}`;
    let list = asked.get(key);
    if (!list) {
      const profile = `pss-${level}`;
      list = rules.filter((r) => {
        if (!r.meta.pss || !(r.meta.profiles as readonly string[]).includes(profile)) return false;
        if (controlsOf.get(r)!.some((c) => excluded.includes(c))) return false;
        return r.meta.appliesTo.some((k) => k === '*' || k === kind || (k === 'podSpec' && POD_SPEC_KINDS.includes(kind)));
      });
      if (asked.size >= 1024) asked.clear();
      asked.set(key, list);
    }
    return list;
  };
  // the rules after the first one that fails are not asked (another level or exclusion may ask them later)
  return (level, excluded, o) => {
    for (const r of rulesFor(level, excluded, o.kind)) {
      const f = failuresOf(r, controlsOf.get(r)!, o);
      if (f.length) return f[0];
    }
    return undefined;
  };
}
