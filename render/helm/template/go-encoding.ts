/** Go's encoding/base64 and base32 (standard alphabets, padded), with Go's error messages. */
import { fromUtf8 } from './go-strings';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base64Encode(s: string): string { return Buffer.from(s, 'utf8').toString('base64'); }

/** Decodes like base64.StdEncoding.DecodeString; on error returns Go's message (as Sprig's b64dec does). */
export function base64Decode(s: string): string {
  const r = decodeBlocks(s, B64, 4, 6);
  return typeof r === 'string' ? r : fromUtf8(r);
}

export function base32Encode(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let j = 0; j < 5; j++) bits = (bits << 8n) | BigInt(chunk[j] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let j = 0; j < 8; j++) out += j < chars ? B32[Number((bits >> BigInt(35 - j * 5)) & 31n)] : '=';
  }
  return out;
}

export function base32Decode(s: string): string {
  const r = decodeBlocks(s, B32, 8, 5);
  return typeof r === 'string' ? r : fromUtf8(r);
}

/** Strict decoding of padded blocks; newlines are ignored; an error message names the offending input byte. */
function decodeBlocks(s: string, alphabet: string, block: number, bitsPer: number): Uint8Array | string {
  const input = Buffer.from(s, 'utf8');
  const clean: number[] = [];
  const pos: number[] = [];
  input.forEach((b, i) => { if (b !== 10 && b !== 13) { clean.push(b); pos.push(i); } });
  const out: number[] = [];
  const err = (i: number): string => `illegal ${alphabet.length === 64 ? 'base64' : 'base32'} data at input byte ${i}`;
  for (let i = 0; i < clean.length; i += block) {
    const quantum = clean.slice(i, i + block);
    let bits = 0n;
    let valid = 0;
    let padded = false;
    for (let j = 0; j < block; j++) {
      const b = quantum[j];
      if (b === undefined) return err(pos[pos.length - 1] + 1 - (j === 0 ? 1 : 0) < 0 ? 0 : input.length);
      if (b === 61) {
        if (j < 2) return err(pos[i + j]);
        padded = true;
        // everything after the first '=' in the block must be '=' too
        for (let k = j; k < block; k++) if (quantum[k] !== 61) return err(pos[i + k] ?? input.length);
        if (i + block < clean.length) return err(pos[i + block]);
        break;
      }
      const v = alphabet.indexOf(String.fromCharCode(b));
      if (v < 0) return err(pos[i + j]);
      bits = (bits << BigInt(bitsPer)) | BigInt(v);
      valid++;
    }
    const totalBits = valid * bitsPer;
    const nbytes = Math.floor(totalBits / 8);
    bits >>= BigInt(totalBits - nbytes * 8);
    for (let k = nbytes - 1; k >= 0; k--) out.push(Number((bits >> BigInt(k * 8)) & 0xffn));
    if (padded) break;
  }
  return Uint8Array.from(out);
}
