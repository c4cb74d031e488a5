/** Small serialisers for the hand-written parts of signature objects. */

/** A PDF text string: literal for printable ASCII, UTF-16BE with BOM otherwise (Vietnamese). */
export function pdfTextString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const utf16 = Buffer.from(s, 'utf16le').swap16();
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Wall-clock parts of `date` in a fixed offset from UTC (Vietnam is +07:00, no DST). */
export function localParts(date: Date, offsetMinutes: number) {
  const d = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return {
    year: d.getUTCFullYear(),
    month: pad(d.getUTCMonth() + 1),
    day: pad(d.getUTCDate()),
    hour: pad(d.getUTCHours()),
    minute: pad(d.getUTCMinutes()),
    second: pad(d.getUTCSeconds()),
    sign,
    offH: pad(Math.floor(abs / 60)),
    offM: pad(abs % 60),
  };
}

/** PDF date string (ISO 32000 §7.9.4), e.g. `D:20250101093000+07'00'`. */
export function pdfDate(date: Date, offsetMinutes: number): string {
  const p = localParts(date, offsetMinutes);
  return `D:${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}${p.sign}${p.offH}'${p.offM}'`;
}

/** Parse a PDF date string into a Date; undefined when it is not one. */
export function parsePdfDate(s: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const offset = tz === '+' || tz === '-' ? (tz === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const t = utc - offset * 60_000;
  return Number.isNaN(t) ? undefined : new Date(t);
}
