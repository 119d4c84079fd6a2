import { baseOf } from '../fs';
import { mergeFieldSpecs } from './builtin-config';
import { Accumulator } from './context';
import { KustomizeError } from './errors';
import { resourcesFromText, looksLikeInlineYaml } from './factory';
import { readGeneratorArgs, readOptions } from './generators';
import { get, getString, isMap, type KNode, type Src } from './node';
import type { Resource } from './resource';
import { applyAffix, applyAnnotations, applyImage, applyLabels, applyNamespace, applyReplicas, applyValueAdd, type SubjectMode } from './transformers';
import { applyPatchEntry, applyPatchesStrategicMerge, applyJson6902Entry } from './patches';
import { applyReplacements, readReplacement } from './replacements';
import { absorb, generatedResource, readFieldSpecs, record } from './configure';
import type { Target } from './target';

function pairs(n: KNode | undefined): Array<{ key: string; value: string; src?: Src }> {
  return isMap(n) ? n.entries.map((e) => ({ key: e.key, value: e.value.kind === 'scalar' ? e.value.value : '', src: e.value.src })) : [];
}

/**
 * `transformers:` and `generators:`: configuration objects (inline, in files, or built by a kustomization
 * directory) for kustomize's built-in plugins (`apiVersion: builtin`). Other plugins (exec, KRM functions)
 * are not run: kubectl disables them too.
 */
export function runPluginConfigs(t: Target, ra: Accumulator, entries: Array<{ value: string; src?: Src }>, field: 'transformers' | 'generators'): void {
  const configs: Resource[] = [];
  const sub = new Accumulator();
  for (const e of entries) {
    t.at(e.src, () => {
      if (looksLikeInlineYaml(e.value)) configs.push(...resourcesFromText(e.value, t.k.file, t.ctx.scope));
      else {
        const before = sub.resMap.list.length;
        t.accumulateResources(sub, [e]);
        configs.push(...sub.resMap.list.slice(before));
      }
    });
  }
  for (const c of configs) {
    const entry = entries.find(() => true)?.src;
    t.at(entry, () => runPlugin(t, ra, c, field));
  }
}

function runPlugin(t: Target, ra: Accumulator, c: Resource, field: string): void {
  const n = c.node;
  const g = c.gvk;
  if (g.group !== '' || g.version !== 'builtin') throw new KustomizeError(`unable to load external plugin ${c.kind}.${g.version}.${g.group || '[noGrp]'}: external plugins (exec, containerized KRM functions) are not run by kubehex or by kubectl kustomize`);
  const m = ra.resMap;
  const name = c.name;
  const specs = readFieldSpecs(get(n, 'fieldSpecs'));
  const done = (kind = c.kind) => record(t, m, kind, c.origin.file, name);
  switch (c.kind) {
    case 'PatchTransformer': {
      const target = get(n, 'target');
      applyPatchEntry(t, m, {
        path: getString(n, 'path'), patch: getString(n, 'patch'), src: n.src, patchSrc: get(n, 'patch')?.src,
        target: isMap(target) ? Object.fromEntries(target.entries.filter((e) => e.value.kind === 'scalar').map((e) => [e.key, (e.value as { value: string }).value])) : undefined,
        allowNameChange: getString(n, 'options', 'allowNameChange') === 'true', allowKindChange: getString(n, 'options', 'allowKindChange') === 'true',
      });
      return done();
    }
    case 'PatchStrategicMergeTransformer': {
      const paths = get(n, 'paths');
      const list = paths?.kind === 'seq' ? paths.items.map((i) => ({ value: i.kind === 'scalar' ? i.value : '', src: i.src })) : [];
      const inline = getString(n, 'patches');
      if (inline) list.push({ value: inline, src: get(n, 'patches')?.src });
      applyPatchesStrategicMerge(t, m, list);
      return done();
    }
    case 'PatchJson6902Transformer': {
      const target = get(n, 'target');
      applyJson6902Entry(t, m, {
        path: getString(n, 'path'), patch: getString(n, 'jsonOp'), src: n.src, allowKindChange: false, allowNameChange: false,
        target: isMap(target) ? Object.fromEntries(target.entries.filter((e) => e.value.kind === 'scalar').map((e) => [e.key, (e.value as { value: string }).value])) : undefined,
      });
      return done();
    }
    case 'NamespaceTransformer': {
      const ns = get(get(n, 'metadata'), 'namespace');
      applyNamespace(m, getString(n, 'metadata', 'namespace') ?? '', specs, ns?.src, { unsetOnly: getString(n, 'unsetOnly') === 'true', subjects: (getString(n, 'setRoleBindingSubjects') as SubjectMode | undefined) ?? 'defaultOnly' });
      return done();
    }
    case 'PrefixSuffixTransformer': case 'PrefixTransformer': case 'SuffixTransformer': {
      const p = getString(n, 'prefix');
      const s = getString(n, 'suffix');
      if (p) applyAffix(m, p, 'prefix', specs, get(n, 'prefix')?.src);
      if (s) applyAffix(m, s, 'suffix', specs, get(n, 'suffix')?.src);
      return done();
    }
    case 'LabelTransformer': applyLabels(m, pairs(get(n, 'labels')), specs); return done();
    case 'AnnotationsTransformer': applyAnnotations(m, pairs(get(n, 'annotations')), specs); return done();
    case 'ImageTagTransformer': {
      const it = get(n, 'imageTag');
      applyImage(m, { name: getString(it, 'name') ?? '', newName: getString(it, 'newName'), newTag: getString(it, 'newTag'), digest: getString(it, 'digest'), src: it?.src }, specs);
      return done();
    }
    case 'ReplicaCountTransformer': {
      const r = get(n, 'replica');
      applyReplicas(m, getString(r, 'name') ?? '', getString(r, 'count') ?? '0', specs, get(r, 'count')?.src);
      return done();
    }
    case 'ReplacementTransformer': {
      const reps = get(n, 'replacements');
      applyReplacements(m, reps?.kind === 'seq' ? reps.items.map(readReplacement) : []);
      return done();
    }
    case 'ValueAddTransformer': {
      let value = (getString(n, 'value') ?? '').trim();
      if (!value) value = baseOf(t.ldr.root);
      const targets = get(n, 'targets');
      const list = targets?.kind === 'seq' ? targets.items.map((x) => {
        const sel = get(x, 'selector');
        return {
          selector: isMap(sel) ? Object.fromEntries(sel.entries.filter((e) => e.value.kind === 'scalar').map((e) => [e.key, (e.value as { value: string }).value])) : undefined,
          fieldPath: getString(x, 'fieldPath') ?? '', filePathPosition: Number(getString(x, 'filePathPosition') ?? 0),
        };
      }) : [];
      applyValueAdd(m, value, list, get(n, 'value')?.src ?? n.src);
      return done();
    }
    case 'ConfigMapGenerator': case 'SecretGenerator': {
      const kind = c.kind === 'ConfigMapGenerator' ? 'ConfigMap' : 'Secret';
      const args = readGeneratorArgs(kind, n, undefined);
      args.name = name;
      args.namespace = getString(n, 'metadata', 'namespace');
      args.options = readOptions(get(n, 'options'));
      absorb(m, generatedResource(t, args, c.kind));
      return;
    }
    default:
      throw new KustomizeError(`unable to load builtin ${c.kind} in '${field}': not a builtin plugin kubehex knows`);
  }
}

export { mergeFieldSpecs };
