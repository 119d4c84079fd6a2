import { mergeField, mergeTypeOfKind } from '../../engine';

/**
 * Where strategic merge learns how a list merges: the built-in Kubernetes facts (engine/k8s-merge), or the
 * schema a kustomization names with `openapi: {path: ...}` (which, as in kustomize, replaces the built-in
 * one for the whole build).
 */
export interface SchemaCursor {
  field(name: string): SchemaCursor | undefined;
  elements(): SchemaCursor | undefined;
  /** For a list: its patch strategy and the keys that identify an item (undefined: no strategy). */
  listMerge(): { strategy: string; keys: string[] } | undefined;
}

export interface SchemaSource { forKind(apiVersion: string, kind: string): SchemaCursor | undefined }

class BuiltinObject implements SchemaCursor {
  constructor(private readonly type: string) {}
  field(name: string): SchemaCursor | undefined {
    const info = mergeField(this.type, name);
    if (!info) return undefined;
    if (info.list) return new BuiltinList(info.list, info.type);
    return info.type ? new BuiltinObject(info.type) : undefined;
  }
  elements(): SchemaCursor | undefined { return undefined; }
  listMerge(): undefined { return undefined; }
}

class BuiltinList implements SchemaCursor {
  constructor(private readonly list: NonNullable<ReturnType<typeof mergeField>>['list'], private readonly itemType?: string) {}
  field(): undefined { return undefined; }
  elements(): SchemaCursor | undefined { return this.itemType ? new BuiltinObject(this.itemType) : undefined; }
  listMerge(): { strategy: string; keys: string[] } | undefined {
    const l = this.list;
    if (!l || l === 'atomic') return undefined;
    return { strategy: l.strategy, keys: l.mapKeys ?? (l.key ? [l.key] : []) };
  }
}

export const BUILTIN_SCHEMA: SchemaSource = {
  forKind(apiVersion, kind) {
    const t = mergeTypeOfKind(apiVersion, kind);
    return t ? new BuiltinObject(t) : undefined;
  },
};

type Json = { [k: string]: unknown };

class OpenApiCursor implements SchemaCursor {
  constructor(private readonly defs: Json, private readonly node: Json) {}
  private resolve(n: unknown): Json | undefined {
    let cur = n as Json | undefined;
    for (let i = 0; i < 50 && cur && typeof cur.$ref === 'string'; i++) {
      const name = (cur.$ref as string).replace(/^#\/definitions\//, '');
      cur = this.defs[name] as Json | undefined;
    }
    return cur;
  }
  field(name: string): SchemaCursor | undefined {
    const props = this.resolve(this.node)?.properties as Json | undefined;
    const f = props ? this.resolve(props[name]) : undefined;
    return f ? new OpenApiCursor(this.defs, f) : undefined;
  }
  elements(): SchemaCursor | undefined {
    const items = this.resolve(this.resolve(this.node)?.items);
    return items ? new OpenApiCursor(this.defs, items) : undefined;
  }
  listMerge(): { strategy: string; keys: string[] } | undefined {
    const n = this.resolve(this.node);
    const strategy = n?.['x-kubernetes-patch-strategy'];
    if (typeof strategy !== 'string') return undefined;
    const mapKeys = n?.['x-kubernetes-list-map-keys'];
    if (Array.isArray(mapKeys)) return { strategy, keys: mapKeys.map(String) };
    const key = n?.['x-kubernetes-patch-merge-key'];
    return { strategy, keys: typeof key === 'string' ? [key] : [] };
  }
}

/** A schema from an `openapi:` file (Swagger 2 `definitions` with x-kubernetes-group-version-kind). */
export function openApiSchema(text: string): SchemaSource {
  const doc = JSON.parse(text) as Json;
  const defs = (doc.definitions ?? {}) as Json;
  return {
    forKind(apiVersion, kind) {
      const i = apiVersion.indexOf('/');
      const group = i < 0 ? '' : apiVersion.slice(0, i);
      const version = i < 0 ? apiVersion : apiVersion.slice(i + 1);
      for (const d of Object.values(defs) as Json[]) {
        const gvks = d?.['x-kubernetes-group-version-kind'];
        if (Array.isArray(gvks) && gvks.some((g: Json) => (g.group ?? '') === group && g.version === version && g.kind === kind)) return new OpenApiCursor(defs, d);
      }
      return undefined;
    },
  };
}
