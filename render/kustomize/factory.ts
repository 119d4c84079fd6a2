import { KustomizeError } from './errors';
import { get, isMap, isNull, type KMap, type KNode } from './node';
import { Resource, type ResOrigin, type Scope } from './resource';
import { parseYaml, YamlError } from './yaml-in';

export class MalformedYaml extends KustomizeError {}

/**
 * The resources of a YAML text (kustomize's resource factory): empty documents are skipped, a `*List`
 * with `items` is expanded, anything else that is not a mapping is an error.
 */
export function resourcesFromText(text: string, file: string, scope: Scope, origin?: Partial<ResOrigin>, shownAs = file): Resource[] {
  let docs;
  try {
    docs = parseYaml(text, file);
  } catch (e) {
    const msg = e instanceof YamlError ? e.message : String(e);
    throw new MalformedYaml(`MalformedYAMLError: ${msg} in File: ${shownAs}`);
  }
  const out: Resource[] = [];
  for (const d of docs) {
    const n = d.node;
    if (!n || isNull(n)) continue;
    if (n.kind === 'map' && !n.entries.length) continue;
    if (n.kind !== 'map') throw new KustomizeError(`missing Resource metadata`);
    for (const m of expandList(n)) {
      const meta = get(m, 'metadata');
      const name = get(meta, 'name');
      if (!name || isNull(name) || (name.kind === 'scalar' && name.value === '')) {
        const str = (k: KNode | undefined) => (k?.kind === 'scalar' ? k.value : '');
        throw new KustomizeError(`missing metadata.name in object {{${str(get(m, 'apiVersion'))} ${str(get(m, 'kind'))}} {{${str(name)} ${str(get(meta, 'namespace'))}} map[] map[]}}`);
      }
      out.push(new Resource(m, { file: origin?.file ?? file, doc: origin?.doc ?? d.index, ...(origin?.generator ? { generator: origin.generator } : {}) }, scope));
    }
  }
  return out;
}

function expandList(n: KMap): KMap[] {
  const kind = get(n, 'kind');
  const items = get(n, 'items');
  if (kind?.kind === 'scalar' && kind.value.endsWith('List') && items?.kind === 'seq') {
    const out: KMap[] = [];
    for (const i of items.items) {
      if (!isMap(i)) throw new KustomizeError(`items in List must be maps`);
      out.push(...expandList(i));
    }
    return out;
  }
  return [n];
}

/** Is this text a map document (an inline patch) rather than a file path? */
export function looksLikeInlineYaml(text: string): boolean {
  try {
    const docs = parseYaml(text, '<inline>');
    return docs.some((d) => d.node?.kind === 'map' && d.node.entries.length > 0);
  } catch { return false; }
}

export function nodeKindName(n: KNode): string { return n.kind === 'map' ? 'MappingNode' : n.kind === 'seq' ? 'SequenceNode' : 'ScalarNode'; }
