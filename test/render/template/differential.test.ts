import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateSet, execute, TemplateError } from '../../../render/helm/template';
import { DEFAULT_LIMITS } from '../../../render/types';

/**
 * Differential fixtures: templates with the output Go's text/template + Sprig (+ a Helm-like layer) produced,
 * recorded by scripts/dev/gotmpl (see its README). The engine must give the same text or the same error.
 */
const DIR = join(__dirname, '..', '..', '..', '..', 'test', 'render', 'template', 'fixtures');

interface Fixture {
  id: string; tpl: string; name?: string; files?: Record<string, string>; data: unknown; mode?: string;
  expect: { out?: string; err?: string }; deviation?: string;
}

/** Known, documented deviations (render/helm/template/README.md): fixture id -> why. */
const DEVIATIONS: Record<string, string> = {
  'sprig-1.json:case': 'camelcase of leading/duplicate underscores (xstrings detail)',
  'sprig-1.json:yaml': 'the Go dev tool approximates the wording of sigs.k8s.io/yaml errors; the engine uses Helm\'s',
};

export function runFixture(f: Fixture): { out: string; err?: string } {
  try {
    const set = new TemplateSet();
    for (const n of Object.keys(f.files ?? {}).sort()) set.parse({ name: n, text: f.files![n], file: '/' + n });
    const name = f.name ?? 'main';
    set.parse({ name, text: f.tpl, file: '/' + name });
    const r = execute(set, name, f.data, { limits: DEFAULT_LIMITS, helm: f.mode === 'go' ? undefined : {} });
    return { out: r.text };
  } catch (e) {
    if (e instanceof TemplateError) return { out: '', err: e.goMessage };
    throw e;
  }
}

describe('render/helm/template: differential fixtures (expected outputs from Go text/template + Sprig)', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
    const fixtures = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Fixture[];
    describe(file, () => {
      for (const f of fixtures) {
        const dev = DEVIATIONS[`${file}:${f.id}`];
        (dev ? it.skip : it)(`${f.id}${dev ? ` (deviation: ${dev})` : ''}`, () => {
          const r = runFixture(f);
          if (f.expect.err !== undefined) assert.equal(r.err, f.expect.err);
          else { assert.equal(r.err, undefined); assert.equal(r.out, f.expect.out); }
        });
      }
    });
  }
});
