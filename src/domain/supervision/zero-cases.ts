/**
 * 攀枝花 二(六): a department reports by the 3rd of each month (遇节假日顺延) why last month had
 * no cases. Pure: the window to judge at an instant (China Standard Time).
 */
const CST = 8 * 3_600_000;
const DAY = 86_400_000;
const cstMidnight = (date: string) => new Date(Date.parse(date + 'T00:00:00Z') - CST);

export interface ZeroCaseWindow {
  /** The month judged, 'YYYY-MM' (the month before `at`). */
  month: string;
  monthStart: Date;
  monthEnd: Date;
  /** The (rolled-forward) day the explanation is due, and the instant after which it is late (24:00 of it). */
  dueDate: string;
  dueAt: Date;
}

export function zeroCaseWindow(at: Date, dueDay: number, rollForward: (date: string) => string): ZeroCaseWindow {
  const local = new Date(at.getTime() + CST);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth(); // 0-based, the current month
  const pad = (n: number) => String(n).padStart(2, '0');
  const py = m === 0 ? y - 1 : y;
  const pm = m === 0 ? 12 : m;
  const month = `${py}-${pad(pm)}`;
  const current = `${y}-${pad(m + 1)}`;
  const dueDate = rollForward(`${current}-${pad(dueDay)}`);
  return { month, monthStart: cstMidnight(`${month}-01`), monthEnd: cstMidnight(`${current}-01`), dueDate, dueAt: new Date(cstMidnight(dueDate).getTime() + DAY) };
}

/** The month an explanation may be filed for now: the previous month ('YYYY-MM'). */
export const previousMonth = (at: Date): string => zeroCaseWindow(at, 1, (d) => d).month;
