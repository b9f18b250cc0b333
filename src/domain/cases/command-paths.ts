/**
 * Workbench commands → their path under /api/cases/:id/ (interface standard §3 events they
 * produce). One source for the routes (src/http/routes/cases.routes.ts) and the web app
 * (web/src/features/workbench/workbench.api.ts imports it through the `@domain` alias), so a
 * button cannot post to a path the server does not answer. Pure: no imports.
 */
export const CASE_COMMAND_PATHS = {
  completeStep: 'complete-step', requestCorrection: 'corrections', suspend: 'suspend', resume: 'resume', extend: 'extend',
  return: 'return', decide: 'decide', reject: 'reject', terminate: 'terminate', execute: 'executions', chargeFee: 'fees',
  close: 'close', removeEvidence: 'evidence-removal', accept: 'accept',
} as const;

/** A command the workbench posts to /api/cases/:id/<path>. */
export type CaseCommandKind = keyof typeof CASE_COMMAND_PATHS;
