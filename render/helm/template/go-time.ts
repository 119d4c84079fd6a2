/** time.Time and time.Duration as templates see them: Go layouts, String(), ParseDuration. */
import { GO_TYPE } from './go-value';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Civil date of a day count since 1970-01-01 (proleptic Gregorian). */
function civil(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** A Go time.Time: Unix seconds, nanoseconds, and the zone it is shown in. */
export class GoTime {
  declare readonly [GO_TYPE]: string;
  constructor(readonly sec: number, readonly nsec = 0, readonly offset = 0, readonly zone = 'UTC') {}
  static fromDate(d: Date): GoTime { const ms = d.getTime(); return new GoTime(Math.floor(ms / 1000), (((ms % 1000) + 1000) % 1000) * 1e6); }
  fields(): { y: number; mo: number; d: number; h: number; mi: number; s: number; wd: number; yd: number } {
    const local = this.sec + this.offset;
    const days = Math.floor(local / 86400);
    const rem = local - days * 86400;
    const { y, m, d } = civil(days);
    const yd = days - daysFromCivil(y, 1, 1) + 1;
    return { y, mo: m, d, h: Math.floor(rem / 3600), mi: Math.floor((rem % 3600) / 60), s: rem % 60, wd: (((days + 4) % 7) + 7) % 7, yd };
  }
  Format(layout: string): string { return formatTime(this, layout); }
  String(): string { return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST'); }
  Unix(): number { return this.sec; }
  add(ns: number): GoTime {
    const total = this.nsec + ns;
    const s = Math.floor(total / 1e9);
    return new GoTime(this.sec + s, total - s * 1e9, this.offset, this.zone);
  }
  toGoJSON(): string { return formatTime(this, '2006-01-02T15:04:05.999999999Z07:00'); }
}
Object.defineProperty(GoTime.prototype, GO_TYPE, { value: 'time.Time' });

const TOKENS = ['January', 'Jan', 'Monday', 'Mon', 'MST', '2006', '-07:00:00', '-070000', '-07:00', '-0700', '-07', 'Z07:00:00', 'Z070000',
  'Z07:00', 'Z0700', 'Z07', '002', '01', '02', '03', '04', '05', '06', '_2', '15', 'PM', 'pm', '1', '2', '3', '4', '5'];

const pad = (n: number, w: number): string => String(Math.abs(n)).padStart(w, '0');

export function formatTime(t: GoTime, layout: string): string {
  const f = t.fields();
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac && (i === 0 || !/[0-9]/.test(layout[i - 1]) || true)) {
      const n = frac[1].length;
      let digits = pad(t.nsec, 9).slice(0, n);
      if (frac[1][0] === '9') { digits = digits.replace(/0+$/, ''); out += digits ? layout[i] + digits : ''; }
      else out += layout[i] + digits;
      i += frac[0].length;
      continue;
    }
    const tok = TOKENS.find((k) => layout.startsWith(k, i));
    if (!tok) { out += layout[i++]; continue; }
    i += tok.length;
    const off = t.offset;
    const oh = Math.floor(Math.abs(off) / 3600);
    const om = Math.floor((Math.abs(off) % 3600) / 60);
    const os = Math.abs(off) % 60;
    const sign = off < 0 ? '-' : '+';
    switch (tok) {
      case 'January': out += MONTHS[f.mo - 1]; break;
      case 'Jan': out += MONTHS[f.mo - 1].slice(0, 3); break;
      case 'Monday': out += DAYS[f.wd]; break;
      case 'Mon': out += DAYS[f.wd].slice(0, 3); break;
      case 'MST': out += t.zone || `${sign}${pad(oh, 2)}${om ? pad(om, 2) : ''}`; break;
      case '2006': out += pad(f.y, 4); break;
      case '06': out += pad(f.y % 100, 2); break;
      case '01': out += pad(f.mo, 2); break;
      case '1': out += String(f.mo); break;
      case '02': out += pad(f.d, 2); break;
      case '_2': out += String(f.d).padStart(2, ' '); break;
      case '2': out += String(f.d); break;
      case '002': out += pad(f.yd, 3); break;
      case '15': out += pad(f.h, 2); break;
      case '03': out += pad(f.h % 12 || 12, 2); break;
      case '3': out += String(f.h % 12 || 12); break;
      case '04': out += pad(f.mi, 2); break;
      case '4': out += String(f.mi); break;
      case '05': out += pad(f.s, 2); break;
      case '5': out += String(f.s); break;
      case 'PM': out += f.h >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += f.h >= 12 ? 'pm' : 'am'; break;
      default: {
        if (tok.startsWith('Z') && off === 0) { out += 'Z'; break; }
        const colon = tok.includes(':');
        let s = sign + pad(oh, 2);
        if (tok.length > 3 + (tok.startsWith('Z') ? 0 : 0) && !/^Z?-?07$/.test(tok)) s += (colon ? ':' : '') + pad(om, 2);
        if (/07:?00:?00$/.test(tok)) s += (colon ? ':' : '') + pad(os, 2);
        out += s;
      }
    }
  }
  return out;
}

/** time.Duration's String(): 1h2m3.5s, 1.5ms, 0s. */
export function durationString(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    const [unit, div] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = trimFrac(u / div) + unit;
  } else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    out = (h ? `${h}h` : '') + (h || m ? `${m}m` : '') + trimFrac(u / 1e9) + 's';
  }
  return (neg ? '-' : '') + out;
}

function trimFrac(x: number): string { return x.toFixed(9).replace(/\.?0+$/, ''); }

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };

/** time.ParseDuration; throws Go's message. */
export function parseDuration(s: string): number {
  const orig = s;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration "${orig}"`);
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*(?:\.[0-9]*)?)([^0-9.]+)/.exec(s);
    if (!m || m[1] === '' || m[1] === '.') throw new Error(`time: invalid duration "${orig}"`);
    const unit = UNITS[m[2]];
    if (unit === undefined) throw new Error(`time: unknown unit "${m[2]}" in duration "${orig}"`);
    total += Number(m[1]) * unit;
    s = s.slice(m[0].length);
  }
  return neg ? -total : total;
}
