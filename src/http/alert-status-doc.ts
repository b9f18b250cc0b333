/** §5 (v2): the alert statuses on the wire, and how the platform's own map onto them (WIRE_STATUS). */
export const ALERT_STATUS_DOC = [
  '`status` (接口标准 v2 §5) is one of `open|explained|resolved|withdrawn|revoked`. `withdrawn`: no longer true after a late event (or a corrected catalog);',
  '`revoked`: an appeal was upheld (撤销); neither counts against anyone. The platform\'s finer statuses (`detailedStatus` in the supervisors\' read) map to the',
  'nearest: `returned` (打回, to be explained again) and `escalated` (上报, still unanswered) read as `open`; `appealed` (申诉, awaiting the supervisor) as `explained`.',
].join(' ');
