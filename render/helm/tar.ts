import { gunzipSync } from 'node:zlib';

/**
 * Reads a chart archive (`charts/*.tgz`): gunzip, then the tar format (ustar, GNU long names, PAX `path`).
 * Only regular files are returned; names keep their archive path (`mychart/templates/x.yaml`). Sizes are bounded
 * so a decompression bomb fails instead of exhausting memory.
 */
export interface TarEntry { name: string; data: Uint8Array }

export class ArchiveError extends Error {}

export const MAX_ARCHIVE_BYTES = 100 * 1024 * 1024;

export function gunzip(bytes: Uint8Array, maxBytes = MAX_ARCHIVE_BYTES): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ArchiveError(`decompressed chart is larger than the maximum size ${maxBytes}`);
    throw new ArchiveError('gzip: invalid header');
  }
}

function str(b: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && b[end] !== 0) end++;
  return new TextDecoder('utf-8').decode(b.subarray(start, end));
}

function octal(b: Uint8Array, start: number, len: number): number {
  if (b[start] & 0x80) {
    // base-256 (GNU) for sizes over 8 GiB: big-endian bytes after the marker
    let n = 0;
    for (let i = start + 1; i < start + len; i++) n = n * 256 + b[i];
    return n;
  }
  const s = str(b, start, len).trim();
  if (!s) return 0;
  if (!/^[0-7]+$/.test(s)) throw new ArchiveError('archive/tar: invalid header');
  return parseInt(s, 8);
}

function paxRecords(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = new TextDecoder('utf-8').decode(data);
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(' ', i);
    if (sp < 0) break;
    const len = Number(text.slice(i, sp));
    if (!(len > 0)) break;
    const rec = text.slice(sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

/** Entries of a tar stream (already decompressed). */
export function untar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (off + 512 <= bytes.length) {
    const h = bytes.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 0x30);
    const magic = str(h, 257, 6);
    const prefix = magic.startsWith('ustar') ? str(h, 345, 155) : '';
    const dataStart = off + 512;
    if (dataStart + size > bytes.length) throw new ArchiveError('unexpected EOF');
    const data = bytes.subarray(dataStart, dataStart + size);
    off = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') { longName = str(data, 0, data.length); continue; }
    if (type === 'x') { paxPath = paxRecords(data).get('path'); continue; }
    if (type === 'g') continue;
    const name = paxPath ?? longName ?? (prefix ? `${prefix}/${str(h, 0, 100)}` : str(h, 0, 100));
    longName = paxPath = undefined;
    if (type === '0' || type === '7') entries.push({ name, data });
  }
  return entries;
}
