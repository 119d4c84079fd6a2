import { statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { decodeBytes, parseConfig, type Config } from '../engine';
import { readRegularFile } from '../host';
import { rules } from '../rules';
import { UsageError } from './usage';

export const CONFIG_NAME = '.kubehex.yaml';

/** The nearest `.kubehex.yaml` walking up from `start` (whatever it is: reading it decides whether it is usable). */
export function findConfig(start: string): string | undefined {
  let d = resolve(start);
  try { if (!statSync(d).isDirectory()) d = dirname(d); } catch { d = process.cwd(); }
  for (let i = 0; i < 64; i++) {
    const f = join(d, CONFIG_NAME);
    if (exists(f)) return f;
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return undefined;
}

function exists(f: string): boolean {
  try { statSync(f); return true; } catch { return false; }
}

/** Reads and validates a config file; every mistake becomes one `file:line:col: message` line of a UsageError. */
export function loadConfig(file: string, maxBytes: number): Config {
  const shown = displayName(file);
  const read = readRegularFile(file, maxBytes);
  if (!read.ok) throw new UsageError(`${shown}: ${read.reason === 'missing' ? 'no such config file' : read.message}; refusing to read it as configuration`);
  const decoded = decodeBytes(read.bytes);
  if (!decoded.ok) throw new UsageError(`${shown}:${(decoded.error.range?.start.line ?? 0) + 1}:1: ${decoded.error.message}`);
  const res = parseConfig(decoded.text, shown, rules);
  // one line per mistake (main prefixes each with "kubehex: ")
  if ('error' in res) throw new UsageError(res.errors.map((e) => `${e.file}:${e.line}:${e.character}: ${e.message}`).join('\n'));
  return res.config;
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel && !rel.startsWith('..') ? rel : resolve(file);
}
