import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { uploadCatalogFile } from '../catalog/catalog-files.service.js';
import { hashPassword } from '../security/password.js';
import type { Actor } from '../../domain/org/policy.js';
import { findUserByName, insertGrant, insertUser } from '../../store/user.store.js';
import { audited } from '../audit.service.js';
import { newId } from '../ids.js';
import { createAdjustment, submitAdjustment } from '../catalog/adjustment.service.js';
import { importItems } from '../catalog/import-items.js';
import type { AppContext } from '../context.js';
import { DEMO_PASSWORD } from './org.demo.js';

/**
 * The demonstration catalog: real powers of the demo departments with their legal basis,
 * flows (posts, documents, risk and supervision points), fees, materials, remedies and
 * discretion standards. Codes follow the coding rule (docs/coding-rule.md) and are fixed so
 * the case and supervision demos can name them.
 */
export const DEMO_ITEM_CODES = {
  tcPermitPenalty: '511702-STJ-CF-0001', // 对未依法取得排污许可证排放污染物的处罚
  tcAirPenalty: '511702-STJ-CF-0002', // 对超标排放大气污染物的处罚
  tcEiaLicense: '511702-STJ-XK-0001', // 建设项目环境影响报告表审批
  tcSiteInspection: '511702-STJ-JC-0001', // 对排污单位的现场检查
  tcSeizure: '511702-STJ-QZ-0001', // 查封、扣押造成污染物排放的设施、设备
  tcConfidential: '511702-STJ-JC-0002', // 涉密 (never public)
  tcFoodLicense: '511702-SJJ-XK-0001', // 食品经营许可
  tcExpiredFoodPenalty: '511702-SJJ-CF-0001', // 对经营超过保质期食品的处罚
  tcFoodReportReward: '511702-SJJ-JL-0001', // 对举报食品安全违法行为的奖励
  tcLandPlanningLicense: '511702-ZRJ-XK-0001', // 建设用地规划许可证核发
  tcRealEstateRegistration: '511702-ZRJ-QR-0001', // 不动产首次登记
  tcLandDispute: '511702-ZRJ-CJ-0001', // 土地权属争议调处
  tcReclamationFee: '511702-ZRJ-ZS-0001', // 土地复垦费征收
  tcCreditRating: '511702-STJ-QT-0001', // 企业环境信用评价
  tcFreightLicense: '511702-JTJ-XK-0001', // 道路货物运输经营许可
  tcUnlicensedFreightPenalty: '511702-JTJ-CF-0001', // 对未取得道路运输经营许可从事货运的处罚
  dcEiaLicense: '511703-STJ-XK-0001', // 达川区 建设项目环境影响报告表审批
  dcSmallCatering: '511703-SJJ-XK-0001', // 达川区 小餐饮经营许可 (public fields missing: DISCLOSURE_INCOMPLETE)
  rhPermitPenalty: '510411-STJ-CF-0001', // 仁和区 对未依法取得排污许可证排放污染物的处罚
} as const;

const REMEDIES_PENALTY = '行政复议或行政诉讼：当事人对处罚决定不服的，可以自收到决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。';
const REMEDIES_LICENSE = '行政复议或行政诉讼：申请人对许可决定不服的，可以自知道该决定之日起六十日内申请行政复议，或者六个月内提起行政诉讼；对办理过程有意见的，可向本级电子监察平台投诉。';
const NO_FEE = [{ code: 'F0', name: '不收费', amount: 0, basis: '《中华人民共和国行政许可法》第五十八条' }];

const penaltyFlow = {
  steps: [
    { key: 'register', name: '立案', post: '承办科室', limitDays: 5, documents: ['立案审批表'], riskPoints: ['应立案不立案'] },
    { key: 'investigate', name: '调查取证', post: '执法人员', limitDays: 30, documents: ['现场检查笔录', '调查询问笔录'], riskPoints: ['选择性执法', '随意取证'], supervisionPoints: ['证据上传', '两名以上执法人员'], evidenceRequired: true },
    { key: 'review', name: '法制审核', post: '法制审核员', limitDays: 5, documents: ['法制审核意见书'], riskPoints: ['审核走过场'], supervisionPoints: ['审核意见留痕'] },
    { key: 'notify', name: '告知', post: '承办科室', limitDays: 5, documents: ['行政处罚事先告知书'], supervisionPoints: ['告知陈述申辩、听证权利'] },
    { key: 'decide', name: '决定', post: '分管领导', limitDays: 5, documents: ['行政处罚决定书'], riskPoints: ['裁量畸轻畸重'], supervisionPoints: ['裁量基准比对'], evidenceRequired: true },
    { key: 'deliver', name: '送达执行', post: '承办科室', limitDays: 5, documents: ['送达回证', '罚没款收据'], supervisionPoints: ['罚缴分离'] },
  ],
  rollbacks: [['review', 'investigate'], ['decide', 'investigate']],
};

const licenseFlow = (days: number, inspect = false) => ({
  steps: [
    { key: 'accept', name: '受理', post: '政务服务窗口', limitDays: 1, documents: ['受理通知书', '一次性告知书'], riskPoints: ['应受理不受理'], supervisionPoints: ['一次性告知'] },
    ...(inspect ? [{ key: 'inspect', name: '现场核查', post: '承办科室', limitDays: 3, documents: ['现场核查记录'], riskPoints: ['吃拿卡要'], evidenceRequired: true }] : []),
    { key: 'examine', name: '审查', post: '承办科室', limitDays: days - 2 - (inspect ? 3 : 0), documents: ['审查意见表'], riskPoints: ['擅自增加条件'], supervisionPoints: ['审查意见留痕'] },
    { key: 'decide', name: '决定', post: '分管领导', limitDays: 1, documents: ['准予许可决定书', '不予许可决定书'], supervisionPoints: ['不予许可须说明理由'] },
  ],
  rollbacks: [['decide', 'examine']],
});

const fineBands = (bands: [string, number, number][]) => bands.map(([circumstance, min, max]) => ({ circumstance, kind: 'fine', min, max }));

/** Sample forms (样表) the demo uploads: `department|material name` → an uploaded catalog file. */
export type DemoForms = Record<string, { fileId: string; name: string }>;

/**
 * The implementation list (实施清单) of the demo's licences and confirmations, as a 政务服务网
 * item page shows it: 受理条件, 办理对象, 办理时间, 跑动次数, 是否网办, material details, 常见问题.
 */
function serviceGuide(code: string, department: string, materials: string[], forms: DemoForms): Record<string, unknown> {
  const c = DEMO_ITEM_CODES;
  const hours = '工作日 上午9:00–12:00，下午13:30–17:30（法定节假日除外）';
  const detail = (name: string, form: string, copies: number, required = true, note?: string) => ({
    name, form, copies, required, ...(note ? { note } : {}), ...(forms[`${department}|${name}`] ? { sampleForm: forms[`${department}|${name}`] } : {}),
  });
  const base = (m: Record<string, unknown>) => ({ officeHours: hours, ...m });
  switch (code) {
    case c.tcEiaLicense:
    case c.dcEiaLicense:
      return base({
        acceptanceConditions: '1. 建设项目依法应当编制环境影响报告表；\n2. 建设项目符合生态环境保护法律法规和相关法定规划；\n3. 报告表由具备能力的单位编制，内容符合技术规范；\n4. 在开工建设前报批。',
        targets: '企业法人、事业单位法人、社会组织法人、非法人企业',
        visits: 0, online: true, onlineUrl: 'https://www.sczwfw.gov.cn/',
        materialDetails: [
          detail(materials[0]!, 'original', 1, true, '加盖建设单位公章'),
          detail(materials[1]!, 'both', 1, true, '全本1份，删除涉及国家秘密、商业秘密内容的公开本1份'),
          ...(materials[2] ? [detail(materials[2], 'copy', 1, true, '验原件，留存复印件')] : []),
        ],
        faqs: [
          { question: '环评报告表审批需要多长时间？', answer: '法定时限30个工作日，本地承诺15个工作日；需要现场核查的，核查时间计入承诺时限。' },
          { question: '哪些项目只需填报环境影响登记表？', answer: '按《建设项目环境影响评价分类管理名录》应当填报登记表的项目实行备案管理，无需审批，在网上备案即可。' },
          { question: '申请材料不齐全怎么办？', answer: '窗口当场或在5日内一次性告知需要补正的全部内容，补齐后受理。' },
        ],
      });
    case c.tcFoodLicense:
      return base({
        acceptanceConditions: '1. 具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所；\n2. 具有相应的设备或者设施；\n3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n4. 具有合理的设备布局和工艺流程。',
        targets: '企业法人、个体工商户、农民专业合作社',
        visits: 1, online: true, onlineUrl: 'https://www.sczwfw.gov.cn/',
        materialDetails: [
          detail(materials[0]!, 'original', 1, true, '申请人签字或盖章'),
          detail(materials[1]!, 'copy', 1, true),
          detail(materials[2]!, 'original', 1),
          detail(materials[3]!, 'original', 1),
        ],
        faqs: [
          { question: '食品经营许可证有效期多长？', answer: '有效期为5年。需要延续的，应当在有效期届满前90个工作日至15个工作日期间提出申请。' },
          { question: '只销售预包装食品需要办许可证吗？', answer: '仅销售预包装食品的，实行备案管理，无需取得许可证。' },
        ],
      });
    case c.tcLandPlanningLicense:
      return base({
        acceptanceConditions: '以划拨方式取得国有土地使用权的建设项目，已经有关部门批准、核准或备案；出让方式的，已签订国有土地使用权出让合同。',
        targets: '企业法人、事业单位法人、机关法人',
        visits: 1, online: true,
        materialDetails: materials.map((m, i) => detail(m, i === 0 ? 'original' : 'copy', 1, i < 3)),
        faqs: [{ question: '建设用地规划许可和建设工程规划许可有什么区别？', answer: '前者确定用地的位置、面积和允许建设的范围，后者针对具体建筑工程的设计方案。' }],
      });
    case c.tcRealEstateRegistration:
      return base({
        acceptanceConditions: '不动产权属清楚，权籍调查成果完整，申请材料齐全且符合法定形式。',
        targets: '自然人、企业法人、事业单位法人',
        visits: 1, online: false,
        materialDetails: materials.map((m, i) => detail(m, i === 0 ? 'original' : i === 1 ? 'both' : 'copy', 1)),
        faqs: [{ question: '登记费怎么收？', answer: '住宅每件80元，非住宅每件550元，小微企业免收。' }],
      });
    case c.tcFreightLicense:
      return base({
        acceptanceConditions: '1. 有与其经营业务相适应并经检测合格的车辆；\n2. 有符合规定条件的驾驶人员；\n3. 有健全的安全生产管理制度。',
        targets: '企业法人、个体工商户',
        visits: 0, online: true, onlineUrl: 'https://www.sczwfw.gov.cn/',
        materialDetails: materials.map((m, i) => detail(m, i === 0 ? 'original' : 'copy', 1)),
        faqs: [{ question: '使用总质量4.5吨及以下普通货运车辆需要办理吗？', answer: '不需要。使用总质量4.5吨及以下普通货运车辆从事普通货运经营的，无需取得道路运输经营许可证。' }],
      });
    default:
      return {};
  }
}

export function demoItems(forms: DemoForms = {}): Record<string, unknown>[] {
  const c = DEMO_ITEM_CODES;
  const permitPenalty = (code: string, department: string, location: string, phone: string) => ({
    code, name: '对未依法取得排污许可证排放污染物的处罚', category: 'penalty', department,
    legalBasis: [
      { law: '中华人民共和国环境保护法', article: '第六十三条', text: '未取得排污许可证排放污染物，被责令停止排污，拒不执行的……' },
      { law: '排污许可管理条例', article: '第三十三条', text: '未取得排污许可证排放污染物的，由生态环境主管部门责令改正或者限制生产、停产整治，处20万元以上100万元以下的罚款。' },
    ],
    legalLimitDays: 90, promisedLimitDays: 60, fees: [], location, phone,
    guide: '依职权或依举报立案，调查取证后经法制审核，告知当事人陈述、申辩和听证权利，由负责人作出决定并送达。',
    materials: ['现场检查笔录', '调查询问笔录', '监测报告'], remedies: REMEDIES_PENALTY, confidential: false, flow: penaltyFlow,
    discretion: fineBands([['轻微', 200000, 400000], ['一般', 400000, 700000], ['严重', 700000, 1000000]]),
  });
  return [
    permitPenalty(c.tcPermitPenalty, '511702-STJ', '通川区生态环境局执法大队（通川区西外镇）', '0818-2380110'),
    {
      code: c.tcAirPenalty, name: '对超过大气污染物排放标准排放大气污染物的处罚', category: 'penalty', department: '511702-STJ',
      legalBasis: [{ law: '中华人民共和国大气污染防治法', article: '第九十九条', text: '超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的，责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款。' }],
      legalLimitDays: 90, promisedLimitDays: 60, fees: [], location: '通川区生态环境局执法大队', phone: '0818-2380110',
      materials: ['监测报告', '现场检查笔录'], remedies: REMEDIES_PENALTY, confidential: false, flow: penaltyFlow,
      discretion: fineBands([['轻微', 100000, 300000], ['一般', 300000, 600000], ['严重', 600000, 1000000]]),
    },
    {
      code: c.tcEiaLicense, name: '建设项目环境影响报告表审批', category: 'license', department: '511702-STJ',
      legalBasis: [
        { law: '中华人民共和国环境影响评价法', article: '第二十二条', text: '审批部门应当自收到环境影响报告书之日起六十日内，收到环境影响报告表之日起三十日内，分别作出审批决定并书面通知建设单位。' },
        { law: '中华人民共和国行政许可法', article: '第四十二条' },
      ],
      legalLimitDays: 30, promisedLimitDays: 15, fees: NO_FEE, location: '通川区政务服务中心二楼生态环境窗口', phone: '0818-2380120',
      guide: '建设单位在开工建设前报批环境影响报告表；材料齐全的当场受理，需要补正的一次性告知。',
      materials: ['建设项目环境影响报告表审批申请', '建设项目环境影响报告表（全本及公开本）', '营业执照或法人证书'],
      remedies: REMEDIES_LICENSE, confidential: false, flow: licenseFlow(15, true), discretion: [],
    },
    {
      code: c.tcSiteInspection, name: '对排污单位的现场检查', category: 'inspection', department: '511702-STJ',
      legalBasis: [{ law: '中华人民共和国环境保护法', article: '第二十四条', text: '县级以上人民政府环境保护主管部门及其委托的环境监察机构和其他负有环境保护监督管理职责的部门，有权对排放污染物的企业事业单位和其他生产经营者进行现场检查。' }],
      legalLimitDays: 10, promisedLimitDays: 5, fees: [], location: '检查对象所在地', phone: '0818-2380110',
      materials: [], remedies: '对检查行为有异议的，可以向本级人民政府或上一级生态环境主管部门申请行政复议。', confidential: false,
      flow: { steps: [
        { key: 'plan', name: '双随机抽取', post: '执法大队', limitDays: 1, supervisionPoints: ['随机抽取留痕'] },
        { key: 'inspect', name: '现场检查', post: '执法人员', limitDays: 3, documents: ['现场检查笔录'], riskPoints: ['以检代罚', '通风报信'], supervisionPoints: ['执法记录仪'], evidenceRequired: true },
        { key: 'conclude', name: '结果处理', post: '执法大队', limitDays: 1, documents: ['检查结果告知书'] },
      ], rollbacks: [] },
      discretion: [],
    },
    {
      code: c.tcSeizure, name: '查封、扣押造成污染物排放的设施、设备', category: 'coercion', department: '511702-STJ',
      legalBasis: [
        { law: '中华人民共和国环境保护法', article: '第二十五条' },
        { law: '中华人民共和国行政强制法', article: '第二十五条', text: '查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。' },
      ],
      legalLimitDays: 30, promisedLimitDays: 30, fees: [], location: '通川区生态环境局执法大队', phone: '0818-2380110',
      materials: ['查封（扣押）决定书', '现场笔录', '查封（扣押）清单'], remedies: REMEDIES_PENALTY, confidential: false,
      flow: { steps: [
        { key: 'approve', name: '负责人批准', post: '分管领导', limitDays: 1, documents: ['查封扣押审批表'], riskPoints: ['未经批准实施'] },
        { key: 'execute', name: '实施查封扣押', post: '执法人员', limitDays: 1, documents: ['查封（扣押）决定书', '现场笔录'], supervisionPoints: ['当场交付决定书'], evidenceRequired: true },
        { key: 'handle', name: '处理决定', post: '承办科室', limitDays: 28, documents: ['解除查封（扣押）决定书'], riskPoints: ['超期查封'] },
      ], rollbacks: [] },
      discretion: [],
    },
    {
      code: c.tcConfidential, name: '核与辐射安全涉密事项监督检查', category: 'inspection', department: '511702-STJ',
      legalBasis: [{ law: '中华人民共和国核安全法', article: '第七十条' }], legalLimitDays: 30, promisedLimitDays: 20, fees: [], materials: [],
      remedies: '依法申请行政复议或提起行政诉讼。', confidential: true,
      flow: { steps: [{ key: 'inspect', name: '检查', post: '核与辐射科', limitDays: 20 }], rollbacks: [] }, discretion: [],
    },
    {
      code: c.tcFoodLicense, name: '食品经营许可', category: 'license', department: '511702-SJJ',
      legalBasis: [
        { law: '中华人民共和国食品安全法', article: '第三十五条', text: '国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。' },
        { law: '食品经营许可和备案管理办法', article: '第二十一条' },
      ],
      legalLimitDays: 10, promisedLimitDays: 5, fees: NO_FEE, location: '通川区政务服务中心一楼市场监管窗口', phone: '0818-2121315',
      guide: '申请人通过窗口或网上提交申请；材料齐全、符合法定形式的当场受理；需现场核查的在审查期间完成。',
      materials: ['食品经营许可申请书', '营业执照复印件', '与食品经营相适应的主要设备设施布局、操作流程等文件', '食品安全自查、从业人员健康管理等制度'],
      remedies: REMEDIES_LICENSE, confidential: false, flow: licenseFlow(5), discretion: [],
    },
    {
      code: c.tcExpiredFoodPenalty, name: '对经营超过保质期的食品的处罚', category: 'penalty', department: '511702-SJJ',
      legalBasis: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条第一款第（五）项', text: '……货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款……' }],
      legalLimitDays: 90, promisedLimitDays: 60, fees: [], location: '通川区市场监督管理局执法稽查大队', phone: '0818-2121315',
      materials: ['现场检查笔录', '抽样检验报告', '进货查验记录'], remedies: REMEDIES_PENALTY, confidential: false, flow: penaltyFlow,
      discretion: fineBands([['轻微', 50000, 65000], ['一般', 65000, 85000], ['严重', 85000, 100000]]),
    },
    {
      code: c.tcFoodReportReward, name: '对举报食品安全违法行为的奖励', category: 'reward', department: '511702-SJJ',
      legalBasis: [{ law: '中华人民共和国食品安全法', article: '第一百一十五条', text: '……对查证属实的举报，给予举报人奖励。' }, { law: '市场监管领域重大违法行为举报奖励暂行办法', article: '第十一条' }],
      legalLimitDays: 30, promisedLimitDays: 20, fees: [], location: '通川区市场监督管理局投诉举报中心', phone: '12315',
      materials: ['举报奖励申请表', '身份证明', '银行账户信息'], remedies: REMEDIES_LICENSE, confidential: false,
      flow: { steps: [
        { key: 'accept', name: '受理', post: '投诉举报中心', limitDays: 2 },
        { key: 'assess', name: '认定奖励等级', post: '承办科室', limitDays: 10, riskPoints: ['虚报冒领'], supervisionPoints: ['奖励等级依据'] },
        { key: 'decide', name: '决定', post: '分管领导', limitDays: 3 },
        { key: 'pay', name: '发放', post: '财务科', limitDays: 5, documents: ['奖励发放凭证'] },
      ], rollbacks: [['decide', 'assess']] },
      discretion: [],
    },
    {
      code: c.tcLandPlanningLicense, name: '建设用地规划许可证核发', category: 'license', department: '511702-ZRJ',
      legalBasis: [{ law: '中华人民共和国城乡规划法', article: '第三十七条、第三十八条' }, { law: '中华人民共和国行政许可法', article: '第四十二条' }],
      legalLimitDays: 20, promisedLimitDays: 10, fees: NO_FEE, location: '通川区政务服务中心三楼自然资源窗口', phone: '0818-2688001',
      guide: '以划拨方式提供国有土地使用权的建设项目，经有关部门批准、核准、备案后，向自然资源主管部门提出建设用地规划许可申请。',
      materials: ['建设用地规划许可申请表', '建设项目批准、核准或备案文件', '用地红线图', '国有土地使用权出让合同（出让方式）'],
      remedies: REMEDIES_LICENSE, confidential: false, flow: licenseFlow(10, true), discretion: [],
    },
    {
      code: c.tcRealEstateRegistration, name: '国有建设用地使用权及房屋所有权首次登记', category: 'confirmation', department: '511702-ZRJ',
      legalBasis: [{ law: '不动产登记暂行条例', article: '第二十条', text: '不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续，法律另有规定的除外。' }],
      legalLimitDays: 30, promisedLimitDays: 5,
      fees: [{ code: 'F1', name: '不动产登记费（住宅）', amount: 80, basis: '发改价格规〔2016〕2559号' }, { code: 'F2', name: '不动产登记费（非住宅）', amount: 550, basis: '发改价格规〔2016〕2559号' }],
      location: '通川区不动产登记中心', phone: '0818-2688002',
      materials: ['不动产登记申请书', '申请人身份证明', '不动产权属来源证明', '房屋竣工验收材料', '不动产权籍调查成果'],
      remedies: REMEDIES_LICENSE, confidential: false, flow: licenseFlow(5), discretion: [],
    },
    {
      code: c.tcLandDispute, name: '土地权属争议调处', category: 'adjudication', department: '511702-ZRJ',
      legalBasis: [{ law: '中华人民共和国土地管理法', article: '第十四条', text: '土地所有权和使用权争议，由当事人协商解决；协商不成的，由人民政府处理。' }, { law: '土地权属争议调查处理办法', article: '第二十四条' }],
      legalLimitDays: 120, promisedLimitDays: 90, fees: [], location: '通川区自然资源局调处办', phone: '0818-2688003',
      materials: ['土地权属争议调处申请书', '申请人身份证明', '权属证明材料'], remedies: '对人民政府的处理决定不服的，可以自接到处理决定通知之日起三十日内，向人民法院起诉（《中华人民共和国土地管理法》第十四条）。',
      confidential: false,
      flow: { steps: [
        { key: 'accept', name: '受理', post: '调处办', limitDays: 5 },
        { key: 'investigate', name: '调查', post: '承办人员', limitDays: 45, documents: ['调查笔录', '现场勘查记录'], riskPoints: ['偏袒一方'] },
        { key: 'mediate', name: '调解', post: '调处办', limitDays: 20, documents: ['调解书'] },
        { key: 'decide', name: '拟定处理意见', post: '分管领导', limitDays: 15, documents: ['处理意见书'], supervisionPoints: ['处理依据'] },
      ], rollbacks: [['decide', 'investigate'], ['mediate', 'investigate']] },
      discretion: [],
    },
    {
      code: c.tcReclamationFee, name: '土地复垦费征收', category: 'levy', department: '511702-ZRJ',
      legalBasis: [{ law: '土地复垦条例', article: '第十八条', text: '土地复垦义务人不复垦，或者复垦验收中经整改仍不合格的，应当缴纳土地复垦费，由有关自然资源主管部门代为组织复垦。' }],
      legalLimitDays: 30, promisedLimitDays: 20, fees: [], location: '通川区自然资源局耕地保护股', phone: '0818-2688004',
      materials: ['土地复垦方案', '复垦验收结论'], remedies: REMEDIES_PENALTY, confidential: false,
      flow: { steps: [
        { key: 'assess', name: '核定应缴金额', post: '耕地保护股', limitDays: 10, documents: ['土地复垦费核定表'], riskPoints: ['擅自减免'], supervisionPoints: ['核定依据'] },
        { key: 'notify', name: '送达缴费通知', post: '耕地保护股', limitDays: 5, documents: ['缴费通知书'] },
        { key: 'collect', name: '收缴入库', post: '财务股', limitDays: 5, documents: ['非税收入票据'], supervisionPoints: ['收支两条线'] },
      ], rollbacks: [['notify', 'assess']] },
      discretion: [],
    },
    {
      code: c.tcCreditRating, name: '企业环境信用评价', category: 'other', department: '511702-STJ',
      legalBasis: [{ law: '企业环境信用评价办法（试行）', article: '第五条', text: '环发〔2013〕150号' }],
      legalLimitDays: 60, promisedLimitDays: 45, fees: [], location: '通川区生态环境局法规科', phone: '0818-2380130',
      materials: ['企业环境行为信息'], remedies: '对评价结果有异议的，可以自公示之日起7日内提出复核申请。', confidential: false,
      flow: { steps: [
        { key: 'collect', name: '信息归集', post: '法规科', limitDays: 20 },
        { key: 'rate', name: '初评', post: '法规科', limitDays: 15, riskPoints: ['人情评价'] },
        { key: 'publish', name: '公示与发布', post: '分管领导', limitDays: 10, supervisionPoints: ['公示期'] },
      ], rollbacks: [['publish', 'rate']] },
      discretion: [],
    },
    {
      code: c.tcFreightLicense, name: '道路货物运输经营许可', category: 'license', department: '511702-JTJ',
      legalBasis: [{ law: '中华人民共和国道路运输条例', article: '第二十四条', text: '……道路运输管理机构应当自受理申请之日起20日内审查完毕，作出许可或者不予许可的决定。' }],
      legalLimitDays: 20, promisedLimitDays: 7, fees: NO_FEE, location: '通川区政务服务中心交通运输窗口', phone: '0818-2133001',
      materials: ['道路货物运输经营申请表', '负责人身份证明', '机动车辆行驶证、车辆技术等级评定结论', '驾驶人员从业资格证', '安全生产管理制度文本'],
      remedies: REMEDIES_LICENSE, confidential: false, flow: licenseFlow(7), discretion: [],
    },
    {
      code: c.tcUnlicensedFreightPenalty, name: '对未取得道路运输经营许可擅自从事道路普通货物运输经营的处罚', category: 'penalty', department: '511702-JTJ',
      legalBasis: [{ law: '中华人民共和国道路运输条例', article: '第六十三条', text: '……没有违法所得或者违法所得不足1万元的，处3000元以上1万元以下的罚款……' }],
      legalLimitDays: 90, promisedLimitDays: 60, fees: [], location: '通川区交通运输综合行政执法大队', phone: '0818-2133002',
      materials: ['现场检查笔录', '车辆照片', '询问笔录'], remedies: REMEDIES_PENALTY, confidential: false, flow: penaltyFlow,
      discretion: fineBands([['轻微', 3000, 5000], ['一般', 5000, 8000], ['严重', 8000, 10000]]),
    },
    {
      code: c.dcEiaLicense, name: '建设项目环境影响报告表审批', category: 'license', department: '511703-STJ',
      legalBasis: [{ law: '中华人民共和国环境影响评价法', article: '第二十二条' }],
      legalLimitDays: 30, promisedLimitDays: 15, fees: NO_FEE, location: '达川区政务服务中心生态环境窗口', phone: '0818-2690120',
      materials: ['建设项目环境影响报告表审批申请', '建设项目环境影响报告表（全本及公开本）'], remedies: REMEDIES_LICENSE, confidential: false,
      flow: licenseFlow(15, true), discretion: [],
    },
    {
      // deliberately incomplete: a published licence without materials or remedies (DISCLOSURE_INCOMPLETE in the demo)
      code: c.dcSmallCatering, name: '小餐饮经营许可', category: 'license', department: '511703-SJJ',
      legalBasis: [{ law: '四川省食品小作坊、小经营店及摊贩管理条例', article: '第十九条' }],
      legalLimitDays: 15, promisedLimitDays: 10, fees: NO_FEE, location: '达川区政务服务中心', phone: '0818-2690315',
      materials: [], confidential: false, flow: licenseFlow(10), discretion: [],
    },
    permitPenalty(c.rhPermitPenalty, '510411-STJ', '仁和区生态环境局执法大队', '0812-2900110'),
  ].map((it) => ({ ...it, ...serviceGuide(it.code, it.department, it.materials as string[], forms), effectiveFrom: '2025-01-01' }));
}

/** The demo's sample forms: filled-in example workbooks (.xlsx) uploaded as catalog files. */
async function uploadDemoForms(ctx: AppContext): Promise<DemoForms> {
  const forms: DemoForms = {};
  const make = async (dept: string, title: string, rows: [string, string][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('样表');
    ws.columns = [{ width: 28 }, { width: 48 }];
    ws.addRow([`${title}（样表）`]).font = { bold: true, size: 14 };
    ws.addRow(['填写说明', '请参照本样表如实填写，带 * 的项目为必填项，不得涂改。']);
    for (const r of rows) ws.addRow(r);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await uploadCatalogFile(ctx, demoActor, dept, { filename: `${title}（样表）.xlsx`, stream: Readable.from([buf]) });
    forms[`${dept}|${title}`] = { fileId: r.fileId, name: `${title}（样表）.xlsx` };
  };
  await make('511702-STJ', '建设项目环境影响报告表审批申请', [['建设单位名称*', '达州市某某新材料有限公司'], ['统一社会信用代码*', '91511700XXXXXXXXXX'], ['项目名称*', '年产5000吨新型建材项目'], ['建设地点*', '通川区复兴镇工业园'], ['联系人及电话*', '王某 138XXXXXXXX']]);
  await make('511702-SJJ', '食品经营许可申请书', [['经营者名称*', '通川区某某餐饮店'], ['经营场所*', '通川区西外镇某某路1号'], ['主体业态*', '餐饮服务经营者（小型餐馆）'], ['经营项目*', '热食类食品制售'], ['法定代表人（负责人）*', '李某']]);
  await make('511702-JTJ', '道路货物运输经营申请表', [['申请人*', '达州某某物流有限公司'], ['经营范围*', '道路普通货物运输'], ['拟投入车辆*', '重型厢式货车 5 辆'], ['驾驶人员*', '8 名，均持有从业资格证']]);
  return forms;
}

const demoActor: Actor = { kind: 'system', name: 'demo' };

/** 通川区 government's legal reviewer (法制审核员 of the district, not of one department): reviews adjustments. */
export const DEMO_CATALOG_ACCOUNTS = [
  { username: 'tc_fzsh', name: '郑法', role: 'legal_reviewer' as const, region: '511702', note: '通川区司法局 法制审核员 (reviews catalog adjustments of 通川区)' },
];

/** Loads the demo catalog, the district legal reviewer and one adjustment request awaiting the legal review. */
export async function loadCatalogDemo(ctx: AppContext): Promise<void> {
  await audited(ctx, demoActor, {
    action: 'demo.accounts', target: null,
    run: async (q) => {
      for (const a of DEMO_CATALOG_ACCOUNTS) {
        if (await findUserByName(q, a.username)) continue;
        const id = newId();
        await insertUser(q, { id, username: a.username, displayName: a.name, passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false,
          regionCode: a.region, departmentCode: null, officerId: null });
        await insertGrant(q, newId(), id, { role: a.role, regionCode: a.region, departmentCode: null });
      }
    },
    details: () => ({ usernames: DEMO_CATALOG_ACCOUNTS.map((a) => a.username) }),
  });
  const forms = await uploadDemoForms(ctx);
  const r = await audited(ctx, demoActor, { action: 'demo.catalog', target: 'catalog', run: (q) => importItems(q, ctx, demoActor, demoItems(forms)) });
  if (r.refused.length) throw new Error(`demo catalog refused: ${JSON.stringify(r.refused)}`);
  const now = ctx.clock.now();
  const day = (d: number) => new Date(now.getTime() + d * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const items = demoItems(forms);
  const proposal = { ...items.find((i) => i.code === DEMO_ITEM_CODES.tcFoodLicense)!, promisedLimitDays: 4 };
  delete (proposal as any).code;
  delete (proposal as any).effectiveFrom;
  (proposal as any).flow = { ...(proposal as any).flow, steps: (proposal as any).flow.steps.map((s: any) => (s.key === 'examine' ? { ...s, limitDays: 1 } : s)) };
  const adj = await createAdjustment(ctx, demoActor, {
    kind: 'change', itemCode: DEMO_ITEM_CODES.tcFoodLicense, proposal, reason: '落实“证照分离”改革，承诺时限由5个工作日压缩至4个工作日',
    legalBasis: [{ law: '国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知', article: '国发〔2021〕7号' }],
    lawChangedOn: day(-5), effectiveOn: day(30), attachments: [{ name: '时限压缩说明.pdf' }],
  });
  await submitAdjustment(ctx, demoActor, adj.id);
}
