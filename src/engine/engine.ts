import type { AppContext } from '../services/context.js';
import { startSupervisionWorker } from './supervision-worker.js';
import { startCalendarWorker } from './calendar-worker.js';
import { startCatalogWorker } from './catalog-worker.js';
import { startCheckpointWorker } from './checkpoint-worker.js';
import { startReportWorker } from './report-worker.js';
import { startNoticeWorker } from './notice-worker.js';
import { startMessageWorker } from './message-worker.js';

/** Starts the background jobs (the supervision sweep every minute …); returns a stop function. */
export function startEngine(ctx: AppContext): () => Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  stops.push(startSupervisionWorker(ctx)); // supervision: time sweep every config.sweepIntervalMs
  stops.push(startCalendarWorker(ctx)); // calendar: reload newer versions, finish interrupted clock recomputations
  stops.push(startCatalogWorker(ctx)); // catalog: future-dated versions take effect in listings and disclosure alerts
  stops.push(startNoticeWorker(ctx)); // notices of exchange cases, issued after the push's commit (queue of migration 0920)
  stops.push(startReportWorker(ctx)); // reports: last month's (quarter's, year's) drafts once the explanations are due
  if (ctx.config.messageIntervalMs > 0) stops.push(startMessageWorker(ctx)); // 消息中心: the e-mail/SMS outbox, 督办 falling due
  if (ctx.config.checkpointIntervalMs > 0) stops.push(startCheckpointWorker(ctx)); // audit: signed checkpoints of the chain and the history tables
  return async () => {
    for (const s of stops) await s();
  };
}
