/** The small zh/en dictionary of words used across the app (Chinese first). */
export const DICT = {
  appName: ['行权平台', 'Xingquan'],
  menu: ['菜单', 'Menu'],
  hall: ['电子政务大厅', 'Public hall'],
  workbench: ['经办', 'Workbench'],
  supervision: ['电子监察', 'E-supervision'],
  admin: ['系统管理', 'Administration'],
  login: ['登录', 'Sign in'],
  logout: ['退出', 'Sign out'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  search: ['搜索', 'Search'],
  reset: ['重置', 'Reset'],
  submit: ['提交', 'Submit'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  create: ['新建', 'New'],
  edit: ['编辑', 'Edit'],
  view: ['查看', 'View'],
  back: ['返回', 'Back'],
  actions: ['操作', 'Actions'],
  exportExcel: ['导出 Excel', 'Export to Excel'],
  exporting: ['正在导出…', 'Exporting…'],
  exportsMenu: ['数据导出', 'Exports'],
  exportRequests: ['导出申请', 'Export requests'],
  exportApprovals: ['导出审批', 'Export approvals'],
  loading: ['加载中…', 'Loading…'],
  empty: ['暂无数据', 'No data'],
  region: ['地区', 'Region'],
  department: ['部门', 'Department'],
  category: ['类别', 'Category'],
  item: ['事项', 'Item'],
  itemCode: ['事项编码', 'Item code'],
  itemName: ['事项名称', 'Item name'],
  status: ['状态', 'Status'],
  light: ['亮灯', 'Light'],
  caseNo: ['办件编号', 'Case number'],
  queryCode: ['查询码', 'Query code'],
  acceptedAt: ['受理时间', 'Accepted at'],
  dueAt: ['承诺期限', 'Promised due'],
  legalDueAt: ['法定期限', 'Legal due'],
  daysLeft: ['剩余时限', 'Time left'],
  currentStep: ['当前环节', 'Current step'],
  counterparty: ['当事人', 'Counterparty'],
  legalBasis: ['法律依据', 'Legal basis'],
  legalLimit: ['法定时限', 'Legal limit'],
  promisedLimit: ['承诺时限', 'Promised limit'],
  fees: ['收费', 'Fees'],
  materials: ['申请材料', 'Materials'],
  remedies: ['救济途径', 'Remedies'],
  flowchart: ['流程图', 'Flowchart'],
  location: ['办理地点', 'Location'],
  phone: ['咨询电话', 'Phone'],
  guide: ['办事指南', 'Guide'],
  workingDays: ['个工作日', 'working days'],
  catalog: ['权力事项目录', 'Catalog of powers'],
  progress: ['办件进度', 'Case progress'],
  complaint: ['投诉咨询', 'Complaints & questions'],
  report: ['我要举报', 'Report misconduct'],
  rating: ['评价', 'Rating'],
  league: ['绩效排行', 'League table'],
  myCases: ['我的办件', 'My cases'],
  deptCases: ['本部门办件', "Department's cases"],
  registerCase: ['受理登记', 'Register a case'],
  dashboard: ['监察总览', 'Dashboard'],
  alerts: ['预警报警', 'Alerts'],
  orders: ['督办', 'Supervision orders'],
  ratings: ['好差评', 'Ratings'],
  badRatingTasks: ['差评整改', 'Bad-rating tasks'],
  complaints: ['投诉受理', 'Complaints queue'],
  patrols: ['巡查', 'Patrols'],
  windows: ['视频巡查', 'Video patrols'],
  dailyLog: ['监察日志', 'Daily log'],
  evaluation: ['绩效考评', 'Performance evaluation'],
  evaluationAppeal: ['考评结果与申诉', 'Scores and appeals'],
  reports: ['监察报告', 'Supervision reports'],
  regions: ['行政区划', 'Regions'],
  departments: ['部门', 'Departments'],
  users: ['用户与角色', 'Users & roles'],
  apiKeys: ['API 密钥', 'API keys'],
  catalogAdmin: ['目录管理', 'Catalog'],
  calendar: ['工作日历', 'Calendar'],
  rules: ['规则配置', 'Rule overrides'],
  accountability: ['问责台账', 'Accountability register'],
  sampling: ['抽查回访', 'Sampling and visits'],
  samplingLedger: ['季度检查台账', 'Quarterly inspection ledger'],
  noticeTemplates: ['文书模板', 'Notice templates'],
  audit: ['审计日志', 'Audit log'],
  clock: ['演练时钟', 'Simulated clock'],
  simulatedClock: ['演练时钟运行中，当前业务时间', 'Drill clock running; business time'],
  changePassword: ['修改密码', 'Change password'],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  confirmPassword: ['确认新密码', 'Confirm new password'],
  mustChangePassword: ['首次登录须先修改密码', 'Change your password before continuing'],
  errorTitle: ['出错了', 'Something went wrong'],
  retry: ['重试', 'Retry'],
  notFound: ['页面不存在', 'Page not found'],
  forbidden: ['您没有权限访问此页面', 'You may not open this page'],
  language: ['English', '中文'],
  time: ['时间', 'Time'],
  reason: ['理由', 'Reason'],
  level: ['级别', 'Level'],
  code: ['编码', 'Code'],
  name: ['名称', 'Name'],
  message: ['说明', 'Message'],
  events: ['办理过程', 'Timeline'],
  evidence: ['证据材料', 'Evidence'],
  deadline: ['时限说明', 'Deadline explanation'],
  flow: ['办理流程', 'Flow'],
  upload: ['上传', 'Upload'],
  detail: ['详情', 'Details'],
  version: ['版本', 'Version'],
  total: ['合计', 'Total'],
} as const satisfies Record<string, readonly [string, string]>;

export type DictKey = keyof typeof DICT;

/** Item categories: the server's names (src/domain/catalog/item.types.ts) with the English (shared-labels.ts). */
export { CATEGORY_LABELS } from './shared-labels';

export const LIGHT_LABELS: Record<string, readonly [string, string]> = {
  green: ['绿灯', 'Green'],
  yellow: ['黄灯', 'Yellow'],
  red: ['红灯', 'Red'],
  none: ['已办结', 'Concluded'],
};

/** A case's status (cases list and pages): 'submitted' is an online application waiting 待受理. */
export const CASE_STATUS_LABELS: Record<string, readonly [string, string]> = {
  open: ['办理中', 'Open'], suspended: ['暂停中', 'Suspended'], concluded: ['已办结', 'Concluded'], submitted: ['待受理', 'Awaiting acceptance'], none: ['未受理', 'Not accepted'],
};

export const STATUS_LABELS: Record<string, readonly [string, string]> = {
  open: ['办理中', 'Open'],
  suspended: ['暂停中', 'Suspended'],
  concluded: ['已办结', 'Concluded'],
  explained: ['已说明', 'Explained'],
  resolved: ['已处理', 'Resolved'],
  draft: ['草稿', 'Draft'],
  in_force: ['有效', 'In force'],
  cancelled: ['已取消', 'Cancelled'],
  submitted: ['待审核', 'Submitted'],
  reviewed: ['已审核', 'Reviewed'],
  in_review: ['审核中', 'In review'],
  approved: ['已批准', 'Approved'],
  rejected: ['已退回', 'Rejected'],
  pending: ['待处理', 'Pending'],
  accepted: ['已受理', 'Accepted'],
  answered: ['已答复', 'Answered'],
  closed: ['已关闭', 'Closed'],
  issued: ['已下达', 'Issued'],
  responded: ['已反馈', 'Responded'],
  overdue: ['已逾期', 'Overdue'],
  active: ['有效', 'Active'],
  revoked: ['已撤销', 'Revoked'],
  withdrawn: ['已撤回', 'Withdrawn'],
  appealed: ['已申诉', 'Appealed'],
  returned: ['已打回', 'Returned'],
  escalated: ['已上报', 'Escalated'],
  disabled: ['已停用', 'Disabled'],
  none: ['未受理', 'Not accepted'],
};

/** Lines of an alert's history other than the supervisor's and department's own actions. */
export const ALERT_HISTORY_ACTIONS: Record<string, readonly [string, string]> = {
  raise: ['发出预警', 'Raised'], order: ['发起督办', 'Supervision order issued'], withdraw: ['自动撤回', 'Withdrawn'],
  turn_red: ['升级为红色报警', 'Turned red'], escalation_end: ['上报结束', 'Escalation ended'], escalate: ['上报上级', 'Escalated'],
  explain: ['情况说明', 'Explained'], appeal: ['申诉', 'Appealed'], resolve: ['办结销号', 'Resolved'], revoke: ['撤销', 'Revoked'], return: ['打回整改', 'Returned'],
  red_card: ['出示红牌', 'Red card'],
  card_notice: ['出具警告通知书', 'Card notice issued'], rectification: ['出具整改建议书', 'Rectification advice issued'], accountability: ['提出问责', 'Accountability proposed'],
};

/** Alert codes by name: the server's names (src/domain/supervision/codes.ts) with the English (shared-labels.ts). */
export { ALERT_LABELS } from './shared-labels';

export const EVENT_LABELS: Record<string, readonly [string, string]> = {
  'application.submitted': ['网上申请', 'Applied online'],
  'correction.answered': ['提交补正材料', 'Correction answered'],
  'case.registered': ['受理/立案', 'Registered'],
  'step.completed': ['环节办结', 'Step completed'],
  'case.returned': ['回退', 'Returned'],
  'correction.requested': ['补正告知', 'Correction requested'],
  'case.suspended': ['暂停', 'Suspended'],
  'case.resumed': ['恢复', 'Resumed'],
  'case.extended': ['延期', 'Extended'],
  'evidence.attached': ['上传证据', 'Evidence attached'],
  'evidence.removed': ['移除证据', 'Evidence removed'],
  'case.decided': ['作出决定', 'Decided'],
  'case.rejected': ['不予受理', 'Rejected'],
  'case.terminated': ['终止', 'Terminated'],
  'penalty.executed': ['执行', 'Penalty executed'],
  'fee.charged': ['收费', 'Fee charged'],
  'case.closed': ['办结', 'Closed'],
};

export const ROLE_LABELS: Record<string, readonly [string, string]> = {
  system_admin: ['系统管理员', 'System administrator'],
  security_admin: ['安全管理员', 'Security administrator'],
  audit_admin: ['审计管理员', 'Audit administrator'],
  region_admin: ['地区管理员', 'Region administrator'],
  department_admin: ['部门管理员', 'Department administrator'],
  handler: ['经办人', 'Handler'],
  legal_reviewer: ['法制审核员', 'Legal reviewer'],
  supervisor: ['监察员', 'Supervisor'],
  leader: ['领导', 'Leader'],
  dept_supervisor: ['部门监察室', 'Department supervision office'],
  secrecy_officer: ['保密办', 'Secrecy office'],
  staffing_reviewer: ['编办审核员', 'Staffing office reviewer'],
  system: ['系统', 'System'],
};

export const SATISFACTION: readonly { value: string; zh: string; en: string; score: number }[] = [
  { value: 'very_satisfied', zh: '非常满意', en: 'Very satisfied', score: 5 },
  { value: 'satisfied', zh: '满意', en: 'Satisfied', score: 4 },
  { value: 'neutral', zh: '基本满意', en: 'Neutral', score: 3 },
  { value: 'dissatisfied', zh: '不满意', en: 'Dissatisfied', score: 2 },
  { value: 'very_dissatisfied', zh: '非常不满意', en: 'Very dissatisfied', score: 1 },
];

/** 好差评 sub-indicators (server: SUB_INDICATORS). */
export const RATING_INDICATORS: readonly { value: string; zh: string; en: string }[] = [
  { value: 'efficiency', zh: '办事效率', en: 'Efficiency' },
  { value: 'attitude', zh: '服务态度', en: 'Attitude' },
  { value: 'openness', zh: '公开透明', en: 'Openness' },
  { value: 'integrity', zh: '廉洁规范', en: 'Integrity' },
];
/** Where a rating was given. */
export const RATING_CHANNELS: Record<string, [string, string]> = { hall: ['网上大厅', 'Online hall'], window: ['窗口评价器', 'Window device'], sms: ['短信评价', 'SMS link'] };
/** The 差评 task's states and steps. */
export const RATING_TASK_STATUS: Record<string, [string, string]> = {
  visit: ['待回访核实', 'To visit'], rectify: ['待整改', 'To rectify'], feedback: ['待反馈', 'To give feedback'], review: ['待复核', 'To review'],
  contested: ['申诉复核中', 'Contested'], closed: ['已办结', 'Closed'], excluded: ['申诉成立（不计入考评）', 'Contest accepted (excluded)'],
};
export const RATING_TASK_STEPS: Record<string, [string, string]> = { visit: ['回访核实', 'Visit'], rectify: ['整改', 'Rectification'], feedback: ['反馈', 'Feedback'], review: ['复核', 'Review'] };
export const RATING_TASK_ACTIONS: Record<string, [string, string]> = {
  open: ['差评生成任务', 'Opened'], visit: ['回访核实', 'Visited'], rectify: ['整改', 'Rectified'], feedback: ['反馈评价人', 'Feedback given'],
  review_pass: ['复核通过', 'Review passed'], review_return: ['复核退回', 'Returned for rectification'], contest: ['部门申诉', 'Contested'],
  contest_uphold: ['申诉复核：维持差评', 'Contest: rating upheld'], contest_accept: ['申诉复核：申诉成立', 'Contest accepted'],
};
export const VISIT_METHODS: Record<string, [string, string]> = { phone: ['电话', 'Phone'], visit: ['走访', 'In person'], sms: ['短信', 'SMS'], online: ['网络', 'Online'] };

/** 裁量基准的处罚种类 (discretion kinds). */
export const DISCRETION_KIND_LABELS: Record<string, readonly [string, string]> = {
  fine: ['罚款', 'Fine'],
  warning: ['警告', 'Warning'],
  confiscation: ['没收违法所得', 'Confiscation'],
  suspension: ['责令停产停业', 'Suspension of business'],
  revocation: ['吊销许可证', 'Revocation of licence'],
  detention: ['行政拘留', 'Detention'],
  order: ['责令改正', 'Order to correct'],
};

export * from './audit-labels';
