import { invalid } from '../../errors.js';
import { dateOfIndex, dayIndexOfDate, isValidDate } from './day-index.js';
import type { SpecialDay } from './year-rows.js';

/**
 * A minimal iCalendar (RFC 5545) reader and writer for all-day holiday calendars: the
 * VEVENTs of a holiday notice, such as the `chinese-days` and government .ics feeds.
 * A day off is a VEVENT whose SUMMARY ends in (休) or X-APPLE-SPECIAL-DAY WORK-HOLIDAY;
 * a make-up working day ends in (班) or has X-APPLE-SPECIAL-DAY ALTERNATE-WORKDAY.
 */
export function parseIcs(text: string, year: number): { days: SpecialDay[]; ignored: number } {
  if (!/BEGIN:VCALENDAR/i.test(text)) throw invalid('ics', '不是 iCalendar 文件 (not an iCalendar file: BEGIN:VCALENDAR missing)');
  // Unfold continuation lines (a line starting with a space or tab continues the previous one).
  const lines = text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
  const days = new Map<string, SpecialDay>();
  let ignored = 0;
  let ev: Record<string, { params: string; value: string }> | null = null;
  let n = 0;
  for (const line of lines) {
    if (/^BEGIN:VEVENT$/i.test(line.trim())) { ev = {}; n++; continue; }
    if (/^END:VEVENT$/i.test(line.trim())) {
      if (ev) {
        for (const d of eventDays(ev, n)) {
          if (+d.date.slice(0, 4) !== year) { ignored++; continue; }
          days.set(d.date, d);
        }
      }
      ev = null;
      continue;
    }
    if (!ev) continue;
    const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (m) ev[m[1].toUpperCase()] = { params: m[2], value: m[3] };
  }
  return { days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)), ignored };
}

function icsDate(v: string | undefined, field: string, n: number): string | null {
  if (!v) return null;
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(v.trim());
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!isValidDate(date)) throw invalid(`ics.VEVENT[${n}].${field}`, `不是有效的日期 (not a valid date): ${v}`);
  return date;
}

function eventDays(ev: Record<string, { params: string; value: string }>, n: number): SpecialDay[] {
  const start = icsDate(ev.DTSTART?.value, 'DTSTART', n);
  if (!start) throw invalid(`ics.VEVENT[${n}].DTSTART`, '缺少开始日期 (missing DTSTART)');
  const end = icsDate(ev.DTEND?.value, 'DTEND', n); // exclusive
  const summary = unescape(ev.SUMMARY?.value ?? '').trim();
  const special = (ev['X-APPLE-SPECIAL-DAY']?.value ?? '').trim().toUpperCase();
  const desc = unescape(ev.DESCRIPTION?.value ?? '').trim();
  const makeup = special === 'ALTERNATE-WORKDAY' || /[(（]班[)）]$/.test(summary) || (special !== 'WORK-HOLIDAY' && desc === '班');
  const name = summary.replace(/\s*[(（][休班][)）]$/, '') || null;
  const a = dayIndexOfDate(start);
  const b = end ? dayIndexOfDate(end) : a + 1;
  if (b <= a) throw invalid(`ics.VEVENT[${n}].DTEND`, `结束日期须晚于开始日期 (DTEND must be after DTSTART): ${end}`);
  if (b - a > 366) throw invalid(`ics.VEVENT[${n}].DTEND`, '事件跨度过长 (event longer than a year)');
  const out: SpecialDay[] = [];
  for (let i = a; i < b; i++) out.push({ date: dateOfIndex(i), kind: makeup ? 'makeup_workday' : 'holiday', name });
  return out;
}

const unescape = (s: string) => s.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');
const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/([,;])/g, '\\$1').replace(/\n/g, '\\n');
const compact = (date: string) => date.replace(/-/g, '');

/** One all-day VEVENT per special day; CRLF line endings as RFC 5545 requires. */
export function emitIcs(year: number, days: readonly SpecialDay[], opts: { calendarName: string; stamp: Date }): string {
  const stamp = opts.stamp.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
  const out = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Xingquan//Working-day calendar//CN', 'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escape(opts.calendarName)}`, 'X-WR-TIMEZONE:Asia/Shanghai',
  ];
  for (const d of days) {
    const off = d.kind === 'holiday';
    out.push(
      'BEGIN:VEVENT',
      `UID:${d.date}-${d.kind}@xingquan`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(d.date)}`,
      `DTEND;VALUE=DATE:${compact(dateOfIndex(dayIndexOfDate(d.date) + 1))}`,
      `SUMMARY:${escape(d.name ?? (off ? '休息日' : '调休上班'))}(${off ? '休' : '班'})`,
      `DESCRIPTION:${off ? '休' : '班'}`,
      `X-APPLE-SPECIAL-DAY:${off ? 'WORK-HOLIDAY' : 'ALTERNATE-WORKDAY'}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  out.push('END:VCALENDAR');
  void year;
  return out.join('\r\n') + '\r\n';
}
