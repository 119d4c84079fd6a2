/** Sprig's date functions. `now` is the execution's fixed instant (ExecOptions.now), so renders are reproducible. */
import type { ExecContext } from './exec';
import { type SignedFunc, sig } from './func-sig';
import { GoInt } from './go-value';
import { GoTime, daysFromCivil, durationString, formatTime, parseDuration } from './go-time';
import { toInt64 } from './sprig-convert';

function nowOf(ctx: ExecContext): GoTime { return GoTime.fromDate(ctx.now); }

function timeOf(ctx: ExecContext, v: unknown): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && (v.kind === 'int' || v.kind === 'int64' || v.kind === 'int32')) return new GoTime(v.value);
  return nowOf(ctx);
}

function zoned(t: GoTime, zone: string): GoTime {
  // only UTC (and fixed offsets written +hh:mm) are known offline; any other zone is shown as UTC
  return new GoTime(t.sec, t.nsec, 0, zone === 'Local' || zone === '' ? 'UTC' : 'UTC');
}

/** time.Parse for the common numeric layouts (2006-01-02, 15:04:05, RFC 3339); undefined when it does not fit. */
function parseTime(layout: string, value: string): GoTime | undefined {
  const re = layout
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace('2006', '(?<y>\\d{4})').replace('01', '(?<mo>\\d{2})').replace('02', '(?<d>\\d{2})')
    .replace('15', '(?<h>\\d{2})').replace('04', '(?<mi>\\d{2})').replace('05', '(?<s>\\d{2})')
    .replace('Z07:00', '(?<z>Z|[+-]\\d{2}:\\d{2})').replace('-0700', '(?<z2>[+-]\\d{4})').replace('MST', '(?<zn>[A-Z]{3,4})');
  const m = new RegExp(`^${re}$`).exec(value);
  if (!m?.groups) return undefined;
  const g = m.groups;
  const y = Number(g.y ?? 0);
  const mo = Number(g.mo ?? 1);
  const d = Number(g.d ?? 1);
  let off = 0;
  const z = g.z ?? g.z2;
  if (z && z !== 'Z') off = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 3600 + Number(z.replace(':', '').slice(3, 5)) * 60);
  const sec = daysFromCivil(y, mo, d) * 86400 + Number(g.h ?? 0) * 3600 + Number(g.mi ?? 0) * 60 + Number(g.s ?? 0) - off;
  return new GoTime(sec, 0, off, off === 0 ? 'UTC' : '');
}

function durationRound(v: unknown, now: GoTime): string {
  let d = 0;
  if (typeof v === 'string') { try { d = parseDuration(v); } catch { d = 0; } }
  else if (v instanceof GoInt && v.kind === 'int64') d = v.value;
  else if (v instanceof GoTime) d = (now.sec - v.sec) * 1e9;
  const u = Math.abs(d);
  const second = 1e9; const minute = 60 * second; const hour = 60 * minute; const day = 24 * hour;
  const month = 30 * day; const year = 365 * day;
  if (u > year) return `${Math.floor(u / year)}y`;
  if (u > month) return `${Math.floor(u / month)}mo`;
  if (u > day) return `${Math.floor(u / day)}d`;
  if (u > hour) return `${Math.floor(u / hour)}h`;
  if (u > minute) return `${Math.floor(u / minute)}m`;
  if (u > second) return `${Math.floor(u / second)}s`;
  return '0s';
}

export function timeFuncs(): Record<string, SignedFunc> {
  const modify = (must: boolean) => (mod: string, t: GoTime) => {
    try { return t.add(parseDuration(mod)); } catch (e) { if (must) throw e; return t; }
  };
  const toDate = (must: boolean) => (layout: string, s: string) => {
    const t = parseTime(layout, s);
    if (t) return t;
    if (must) throw new Error(`parsing time ${JSON.stringify(s)} as ${JSON.stringify(layout)}: cannot parse`);
    return new GoTime(-62135596800);
  };
  return {
    now: sig('', function (this: ExecContext) { return nowOf(this); }),
    date: sig('string, any', function (this: ExecContext, f: string, d: unknown) { return formatTime(zoned(timeOf(this, d), 'Local'), f); }),
    dateInZone: sig('string, any, string', function (this: ExecContext, f: string, d: unknown, z: string) { return formatTime(zoned(timeOf(this, d), z), f); }),
    date_in_zone: sig('string, any, string', function (this: ExecContext, f: string, d: unknown, z: string) { return formatTime(zoned(timeOf(this, d), z), f); }),
    htmlDate: sig('any', function (this: ExecContext, d: unknown) { return formatTime(zoned(timeOf(this, d), 'Local'), '2006-01-02'); }),
    htmlDateInZone: sig('any, string', function (this: ExecContext, d: unknown, z: string) { return formatTime(zoned(timeOf(this, d), z), '2006-01-02'); }),
    dateModify: sig('string, time', modify(false)),
    date_modify: sig('string, time', modify(false)),
    mustDateModify: sig('string, time', modify(true)),
    must_date_modify: sig('string, time', modify(true)),
    ago: sig('any', function (this: ExecContext, d: unknown) { return durationString(Math.round((nowOf(this).sec - timeOf(this, d).sec)) * 1e9); }),
    duration: sig('any', (v: unknown) => {
      let n = 0;
      if (typeof v === 'string') n = /^[+-]?\d+$/.test(v) ? Number(v) : 0;
      else if (v instanceof GoInt && v.kind === 'int64') n = v.value;
      return durationString(n * 1e9);
    }),
    durationRound: sig('any', function (this: ExecContext, v: unknown) { return durationRound(v, nowOf(this)); }),
    unixEpoch: sig('time', (t: GoTime) => String(t.sec)),
    toDate: sig('string, string', toDate(false)),
    mustToDate: sig('string, string', toDate(true)),
  };
}

export { toInt64 };
