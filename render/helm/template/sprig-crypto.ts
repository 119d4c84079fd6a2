/**
 * Sprig's random, crypto and certificate functions, made deterministic: random strings come from a fixed-seed
 * generator, keys and certificates are fixed placeholder PEM blocks (no rule reads certificate bytes), bcrypt
 * and htpasswd produce a fixed-format placeholder hash. encryptAES/decryptAES are real (AES-256-CBC, as Sprig).
 */
import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { type SignedFunc, sig } from './func-sig';
import { GO_TYPE, GoInt } from './go-value';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const NUMERIC = '0123456789';
const ASCII = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');

/** A small deterministic generator (xorshift32), seeded per process run of a template set. */
let state = 0x9e3779b9;
function next(): number {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state;
}

function rand(count: number, chars: string): string {
  if (count < 0) throw new Error('count must be a non-negative number');
  if (count > 10_000_000) throw new Error('count exceeds the render limit');
  let s = '';
  for (let i = 0; i < count; i++) s += chars[next() % chars.length];
  return s;
}

/** Reset the generator (tests and renders start from the same sequence). */
export function resetRandom(seed = 0x9e3779b9): void { state = seed >>> 0 || 1; }

const PLACEHOLDER = (label: string): string =>
  `-----BEGIN ${label}-----\nS3ViZWhleCBwbGFjZWhvbGRlcjogcmVuZGVyZWQgd2l0aG91dCBrZXkgbWF0ZXJpYWw=\n-----END ${label}-----\n`;

/** sprig.certificate: {Cert, Key}. */
export class Certificate {
  declare readonly [GO_TYPE]: string;
  constructor(readonly Cert: string, readonly Key: string) {}
  toGoJSON(): unknown { return { Cert: this.Cert, Key: this.Key }; }
}
Object.defineProperty(Certificate.prototype, GO_TYPE, { value: 'sprig.certificate' });

const cert = (): Certificate => new Certificate(PLACEHOLDER('CERTIFICATE'), PLACEHOLDER('RSA PRIVATE KEY'));

function uuid(): string {
  const h = Array.from({ length: 16 }, () => next() & 0xff);
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function keyOf(password: string): Buffer { const k = Buffer.alloc(32); Buffer.from(password, 'utf8').copy(k); return k; }

function encryptAES(password: string, plaintext: string): string {
  const key = keyOf(password);
  const iv = Buffer.from(Array.from({ length: 16 }, () => next() & 0xff));
  const c = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, c.update(plaintext, 'utf8'), c.final()]).toString('base64');
}

function decryptAES(password: string, crypt64: string): string {
  const data = Buffer.from(crypt64, 'base64');
  if (data.length < 16) throw new Error('ciphertext too short');
  const d = createDecipheriv('aes-256-cbc', keyOf(password), data.subarray(0, 16));
  return Buffer.concat([d.update(data.subarray(16)), d.final()]).toString('utf8');
}

export function cryptoFuncs(): Record<string, SignedFunc> {
  const n = (v: GoInt): number => v.value;
  return {
    randAlphaNum: sig('int', (c: GoInt) => rand(n(c), ALNUM)),
    randAlpha: sig('int', (c: GoInt) => rand(n(c), ALPHA)),
    randNumeric: sig('int', (c: GoInt) => rand(n(c), NUMERIC)),
    randAscii: sig('int', (c: GoInt) => rand(n(c), ASCII)),
    randBytes: sig('int', (c: GoInt) => Buffer.from(Array.from({ length: Math.max(0, Math.min(n(c), 1 << 20)) }, () => next() & 0xff)).toString('base64')),
    uuidv4: sig('', uuid),
    bcrypt: sig('string', (s: string) => '$2a$10$' + createHash('sha256').update(s).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 53).padEnd(53, 'A')),
    htpasswd: sig('string, string', (u: string, p: string) => `${u}:$2a$10$${createHash('sha256').update(p).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 53).padEnd(53, 'A')}`),
    derivePassword: sig('uint32, string, string, string, string', (c: GoInt, t: string, pw: string, user: string, site: string) =>
      pbkdf2Sync(pw, `${user}${site}${c.value}`, 1000, 12, 'sha256').toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, t === 'maximum' ? 20 : 12)),
    genPrivateKey: sig('string', (t: string) => {
      const labels: Record<string, string> = { rsa: 'RSA PRIVATE KEY', dsa: 'DSA PRIVATE KEY', ecdsa: 'EC PRIVATE KEY', ed25519: 'PRIVATE KEY' };
      return labels[t] ? PLACEHOLDER(labels[t]) : 'Unknown type ' + t;
    }),
    buildCustomCert: sig('string, string', (c: string, k: string) => new Certificate(Buffer.from(c, 'base64').toString('utf8'), Buffer.from(k, 'base64').toString('utf8'))),
    genCA: sig('string, int', () => cert()),
    genCAWithKey: sig('string, int, string', () => cert()),
    genSelfSignedCert: sig('string, list, list, int', () => cert()),
    genSelfSignedCertWithKey: sig('string, list, list, int, string', () => cert()),
    genSignedCert: sig('string, list, list, int, cert', () => cert()),
    genSignedCertWithKey: sig('string, list, list, int, cert, string', () => cert()),
    encryptAES: sig('string, string', encryptAES),
    decryptAES: sig('string, string', decryptAES),
  };
}
