/** Go's strconv float formatting ('e', 'f', 'g' with or without precision), exact and round-half-even. */

interface Decimal { digits: string; dp: number; neg: boolean }

/** The exact decimal expansion of a finite double (digits without leading/trailing zeros; value = 0.digits × 10^dp). */
export function exactDecimal(x: number): Decimal {
  const neg = x < 0 || Object.is(x, -0);
  x = Math.abs(x);
  if (x === 0) return { digits: '', dp: 0, neg };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else { mant |= 1n << 52n; e = expBits - 1075; }
  let digits: string;
  let dp: number;
  if (e >= 0) {
    digits = (mant << BigInt(e)).toString();
    dp = digits.length;
  } else {
    const s = (mant * 5n ** BigInt(-e)).toString();
    digits = s;
    dp = s.length + e;
  }
  const stripped = digits.replace(/0+$/, '');
  return { digits: stripped, dp, neg };
}

/** The shortest digits that read back as x (what Go's -1 precision uses). */
export function shortestDecimal(x: number): Decimal {
  const neg = x < 0 || Object.is(x, -0);
  x = Math.abs(x);
  if (x === 0) return { digits: '', dp: 0, neg };
  const [m, ex] = x.toExponential().split('e');
  const digits = m.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(ex) + 1, neg };
}

/** Round to `nd` significant digits, half to even on the exact value. */
function roundTo(d: Decimal, nd: number): Decimal {
  if (nd < 0) return { digits: '', dp: d.dp, neg: d.neg };
  if (d.digits.length <= nd) return d;
  const c = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (c > 5) up = true;
  else if (c < 5) up = false;
  else if (d.digits.length > nd + 1) up = true;
  else up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  let digits = d.digits.slice(0, nd);
  let dp = d.dp;
  if (up) {
    const arr = digits.split('');
    let i = arr.length - 1;
    while (i >= 0 && arr[i] === '9') { arr[i] = '0'; i--; }
    if (i < 0) { arr.unshift('1'); dp++; arr.pop(); if (arr.length === 0) arr.push('1'); }
    else arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
    digits = arr.join('');
    if (nd === 0) { digits = '1'; }
  }
  return { digits: digits.replace(/0+$/, ''), dp, neg: d.neg };
}

function digitAt(d: Decimal, i: number): string { return i < d.digits.length ? d.digits[i] : '0'; }

function fmtE(d: Decimal, prec: number, upper: boolean): string {
  let s = digitAt(d, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  }
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const a = Math.abs(exp);
  return s + (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (a < 10 ? '0' : '') + a;
}

function fmtF(d: Decimal, prec: number): string {
  let s = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      s += j < 0 ? '0' : digitAt(d, j);
    }
  }
  return s;
}

/**
 * strconv.FormatFloat(x, fmt, prec, 64) for fmt in e E f F g G; prec -1 = shortest. Infinities and NaN as Go: +Inf -Inf NaN.
 */
export function formatFloat(x: number, fmt: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const shortest = prec < 0;
  let d = shortest ? shortestDecimal(x) : exactDecimal(x);
  const sign = d.neg ? '-' : '';
  switch (fmt) {
    case 'e': case 'E':
      if (shortest) prec = Math.max(d.digits.length - 1, 0);
      else d = roundTo(d, prec + 1);
      return sign + fmtE(d, prec, fmt === 'E');
    case 'f': case 'F':
      if (shortest) prec = Math.max(d.digits.length - d.dp, 0);
      else d = roundTo(d, d.dp + prec);
      return sign + fmtF(d, prec);
    default: {
      let eprec = prec;
      if (shortest) eprec = 6;
      else {
        if (prec === 0) prec = 1;
        d = roundTo(d, prec);
        eprec = prec;
        if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
      }
      const exp = d.digits.length === 0 ? 0 : d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        const p = Math.max(d.digits.length - 1, 0);
        return sign + fmtE(d, shortest ? p : Math.min(prec - 1, p), fmt === 'G');
      }
      return sign + fmtF(d, Math.max(d.digits.length - d.dp, 0));
    }
  }
}
