// Generates one strict draft-07 JSON Schema for the built-in Kubernetes API from the TypeScript
// declarations of `kubernetes-models`, offline once its input is installed.
//
//   node scripts/gen-k8s-schema.mjs [OUT_DIR]     (default: rules/_lib/schema; `npm run schema:gen`)
//
// `kubernetes-models` is not a dependency of kubehex: it lives in tools/schema-gen, a package with its own
// lockfile, so the default `npm ci` neither downloads it nor warns about its engines (5.1.0 declares Node >= 22;
// reading its declarations and compiled validators works on Node 20). The first run installs it there with
// `npm ci` (needs the registry or the npm cache); later runs use it as is.
//
// Writes k8s.schema.json (definitions named by module path, e.g. `apps.v1.Deployment`, so same-named
// types of different API groups never merge) and k8s-kinds.json (the small `group/version/Kind` index
// rules need at load time, so the big schema is only read when a document is validated).
// Rules of the translation:
//   - every named object type gets `additionalProperties: false` (this is what catches typos);
//   - non-optional properties become `required`; string-literal unions become `enum`;
//   - `string | number` (IntOrString, Quantity) becomes `type: ["string", "number"]`; numbers become
//     `integer` where the package's own compiled validators reject 0.5;
//   - empty interfaces (RawExtension, JSON, FieldsV1) and `any` are free-form `{}`;
//   - anonymous inline object types are inlined; type aliases are inlined;
//   - descriptions are cut to their first sentence (hover text), keeping the file small.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ts = require('typescript');
const outDir = process.argv[2] ?? join(root, 'rules/_lib/schema');

const toolDir = join(root, 'tools/schema-gen');
const toolModules = join(toolDir, 'node_modules');
if (!existsSync(join(toolModules, 'kubernetes-models/package.json'))) {
  console.error('schema-gen: installing kubernetes-models into tools/schema-gen (npm ci, once)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: toolDir, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  } catch {
    console.error('schema-gen: `npm ci` in tools/schema-gen failed (it needs the npm registry or a warm npm cache)');
    process.exit(1);
  }
}

const pkgs = [
  { dir: realpathSync(join(toolModules, 'kubernetes-models')), prefix: '' },
  { dir: realpathSync(join(toolModules, '@kubernetes-models/apimachinery')), prefix: 'apimachinery.' },
];
const modelsVersion = JSON.parse(readFileSync(join(pkgs[0].dir, 'package.json'), 'utf8')).version;

function walk(d, out = []) {
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) { if (e !== '_schemas' && e !== 'node_modules') walk(p, out); }
    else if (p.endsWith('.d.ts') && e !== 'index.d.ts') out.push(p);
  }
  return out;
}

const files = pkgs.flatMap((p) => walk(p.dir));
const program = ts.createProgram(files, { noResolve: false, skipLibCheck: true, types: [], noLib: true });
const checker = program.getTypeChecker();

/** `apps/v1/Deployment.d.ts` -> `apps.v1.Deployment`; undefined outside the two packages. */
function defName(fileName) {
  for (const p of pkgs) {
    const rel = relative(p.dir, fileName);
    if (!rel.startsWith('..') && rel.endsWith('.d.ts')) return p.prefix + rel.slice(0, -5).split(sep).join('.');
  }
  return undefined;
}

function shortDoc(node) {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((d) => (typeof d.comment === 'string' ? d.comment : ts.getTextOfJSDocComment(d.comment) ?? '')).join(' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  let s = m ? m[1] : text;
  if (s.length > 160) s = s.slice(0, 157).replace(/\s+\S*$/, '') + '…';
  return s;
}

const definitions = {};
const gvk = {};
/** def name -> { alias, pkgDir, numbers: [{ prop, array }] } for the integer probe */
const numberProps = new Map();

function resolveDecl(typeName) {
  let sym = checker.getSymbolAtLocation(typeName);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  return sym?.declarations?.[0];
}

function typeSchema(node, ctx) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword: return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword: return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword: case ts.SyntaxKind.UnknownKeyword: case ts.SyntaxKind.ObjectKeyword: return {};
    case ts.SyntaxKind.ParenthesizedType: return typeSchema(node.type, ctx);
    case ts.SyntaxKind.ArrayType: return { type: 'array', items: typeSchema(node.elementType, ctx) };
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
      if (node.literal.kind === ts.SyntaxKind.NullKeyword) return {};
      throw new Error(`unsupported literal at ${where(node)}`);
    case ts.SyntaxKind.UnionType: return unionSchema(node, ctx);
    case ts.SyntaxKind.TypeLiteral: return objectSchema(node.members, ctx, undefined);
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if ((name === 'Array' || name === 'ReadonlyArray') && node.typeArguments?.length === 1) return { type: 'array', items: typeSchema(node.typeArguments[0], ctx) };
      if (name === 'Record' && node.typeArguments?.length === 2) return { type: 'object', additionalProperties: typeSchema(node.typeArguments[1], ctx) };
      const decl = resolveDecl(node.typeName);
      if (!decl) throw new Error(`unresolved type ${name} at ${where(node)}`);
      if (ts.isTypeAliasDeclaration(decl)) return typeSchema(decl.type, ctx);
      if (ts.isInterfaceDeclaration(decl)) {
        const def = defName(decl.getSourceFile().fileName);
        if (!def) throw new Error(`interface ${name} outside the packages at ${where(node)}`);
        ensureDef(decl, def);
        return { $ref: `#/definitions/${def}` };
      }
      throw new Error(`unsupported reference ${name} at ${where(node)}`);
    }
    default:
      throw new Error(`unsupported type ${ts.SyntaxKind[node.kind]} at ${where(node)}`);
  }
}

function unionSchema(node, ctx) {
  const parts = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword && !(t.kind === ts.SyntaxKind.LiteralType && t.literal.kind === ts.SyntaxKind.NullKeyword));
  const schemas = parts.map((t) => typeSchema(t, ctx));
  if (schemas.length === 1) return schemas[0];
  const simple = schemas.every((s) => Object.keys(s).every((k) => k === 'type' || k === 'enum') && typeof s.type === 'string');
  if (simple) {
    const types = [...new Set(schemas.map((s) => s.type))];
    const anyFree = schemas.some((s) => !s.enum);
    if (types.length === 1 && !anyFree) return { type: types[0], enum: schemas.flatMap((s) => s.enum) };
    if (schemas.every((s) => !s.enum) || types.length > 1) {
      // e.g. string | number; enums mixed with other types lose the enum (never seen in practice)
      return { type: types.length === 1 ? types[0] : types.sort() };
    }
    return { type: types[0] };
  }
  return { anyOf: schemas };
}

function where(node) {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
  return `${relative(root, sf.fileName)}:${line + 1}`;
}

function propName(m) {
  const n = m.name;
  return ts.isStringLiteral(n) || ts.isIdentifier(n) ? n.text : n.getText();
}

function objectSchema(members, ctx, numbers) {
  const properties = {};
  const required = [];
  let additional = false;
  for (const m of members) {
    if (ts.isIndexSignatureDeclaration(m)) { additional = typeSchema(m.type, ctx); continue; }
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = propName(m);
    const s = typeSchema(m.type, ctx);
    const d = shortDoc(m);
    properties[name] = d ? { description: d, ...s } : s;
    if (!m.questionToken) required.push(name);
    if (numbers) {
      if (s.type === 'number') numbers.push({ prop: name, array: false });
      else if (s.type === 'array' && s.items?.type === 'number') numbers.push({ prop: name, array: true });
    }
  }
  const names = Object.keys(properties);
  if (!names.length && additional === false) return members.length ? { type: 'object' } : {};
  const out = { type: 'object' };
  if (names.length) out.properties = properties;
  if (required.length) out.required = required;
  out.additionalProperties = additional;
  return out;
}

function collectMembers(decl, seen = new Set()) {
  const members = [...decl.members];
  const own = new Set(members.filter((m) => m.name).map(propName));
  for (const h of decl.heritageClauses ?? []) {
    for (const t of h.types) {
      const base = resolveDecl(t.expression);
      if (!base || !ts.isInterfaceDeclaration(base) || seen.has(base)) continue;
      seen.add(base);
      for (const m of collectMembers(base, seen)) if (!m.name || !own.has(propName(m))) members.push(m);
    }
  }
  return members;
}

function ensureDef(decl, def) {
  if (definitions[def] !== undefined) return;
  definitions[def] = null; // placeholder for recursion
  const numbers = [];
  const members = collectMembers(decl);
  const schema = members.length ? objectSchema(members, {}, numbers) : {};
  const d = shortDoc(decl);
  definitions[def] = d ? { description: d, ...schema } : schema;
  const alias = aliasOf(decl.getSourceFile());
  if (numbers.length && alias) numberProps.set(def, { alias, file: decl.getSourceFile().fileName, numbers });
  const api = schema.properties?.apiVersion?.enum;
  const kind = schema.properties?.kind?.enum;
  if (api?.length === 1 && kind?.length === 1) gvk[`${api[0]}/${kind[0]}`] = `#/definitions/${def}`;
}

/** The package-wide name of the interface (`IIoK8sApiAppsV1DeploymentSpec`) gives its compiled validator. */
function aliasOf(sf) {
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
    for (const el of st.exportClause.elements) if (el.name.text.startsWith('IIoK8s')) return el.name.text.slice(1);
  }
  return undefined;
}

for (const f of files) {
  const sf = program.getSourceFile(f);
  const def = defName(f);
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) ensureDef(st, def);
  }
}

// numbers -> integer where kubernetes-models' compiled validator says so
for (const [def, { alias, file, numbers }] of numberProps) {
  const pkgDir = file.includes(`${sep}@kubernetes-models${sep}apimachinery${sep}`) ? pkgs[1].dir : pkgs[0].dir;
  const mod = await import(pathToFileURL(join(pkgDir, '_schemas', `${alias}.js`)).href).catch(() => undefined);
  if (!mod?.validate) continue;
  const probe = {};
  for (const n of numbers) probe[n.prop] = n.array ? [0.5] : 0.5;
  mod.validate(probe);
  const bad = new Set((mod.validate.errors ?? []).filter((e) => e.keyword === 'type' && e.params?.type === 'integer').map((e) => e.instancePath));
  const props = definitions[def].properties;
  for (const n of numbers) {
    const p = `/${n.prop.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (n.array ? bad.has(`${p}/0`) : bad.has(p)) {
      if (n.array) props[n.prop].items = { type: 'integer' };
      else props[n.prop].type = 'integer';
    }
  }
}

const sortObj = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: `generated by scripts/gen-k8s-schema.mjs from kubernetes-models@${modelsVersion} (Kubernetes 1.36); API descriptions: The Kubernetes Authors (Apache-2.0)`,
  'x-gvk-index': sortObj(gvk),
  definitions: sortObj(definitions),
};
const kinds = {
  $comment: schema.$comment,
  gvk: Object.keys(schema['x-gvk-index']),
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'k8s.schema.json'), JSON.stringify(schema) + '\n');
writeFileSync(join(outDir, 'k8s-kinds.json'), JSON.stringify(kinds, null, 1) + '\n');
if (!process.argv[2]) console.log(`k8s schema: ${Object.keys(definitions).length} definitions, ${Object.keys(gvk).length} kinds -> ${relative(root, outDir)}`);
