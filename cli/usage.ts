/** A mistake in how kubehex was called or configured: printed as `kubehex: <message>`, exit code 2. */
export class UsageError extends Error {}

export interface Args { command: string; paths: string[]; flags: Map<string, string | true> }

/** Options that take a value; a new command adds its own here. */
export const VALUE_FLAGS = new Set(['--format', '--config', '--profile', '--fail-on', '--max-file-size', '--out', '--baseline', '--docs-url']);
export const BOOL_FLAGS = new Set(['--fix', '--no-color', '--stdio', '--help', '-h', '--version', '--node-ipc']);

export function parseArgs(argv: string[]): Args {
  const [command = 'help', ...rest] = argv;
  const paths: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--') && a.includes('=')) {
      const [k, v] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
      if (!VALUE_FLAGS.has(k)) throw new UsageError(`unknown option ${k}`);
      flags.set(k, v);
      continue;
    }
    if (VALUE_FLAGS.has(a)) {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      flags.set(a, v);
    } else if (BOOL_FLAGS.has(a) || a.startsWith('--clientProcessId') || a.startsWith('--socket') || a.startsWith('--pipe')) {
      flags.set(a.split('=')[0], true);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a} (see kubehex --help)`);
    } else {
      paths.push(a);
    }
  }
  return { command, paths, flags };
}

export function oneOf(flag: string, v: string | true | undefined, allowed: string[], dflt: string): string {
  if (v === undefined) return dflt;
  if (v === true || !allowed.includes(v)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return v;
}
