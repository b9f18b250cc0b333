import { Alert, Breadcrumb, Card, Col, Descriptions, List, Row, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { FlowChart } from '../../components/flow-chart';
import { CaseStatusTag, DaysLeft, LevelTag, LightTag, StatusTag } from '../../components/light-tag';
import { PageState } from '../../components/states';
import { useAuth } from '../../lib/auth';
import { ALERT_LABELS, EVENT_LABELS } from '../../lib/dict';
import { fmtDue, fmtTime } from '../../lib/format';
import { alertMessage, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { PersonalReveal } from '../../components/personal-reveal';
import { CaseActions } from './case-actions';
import { EvidencePanel } from './evidence-panel';
import { DocumentsCard } from '../documents/documents-card';
import { wbApi } from './workbench.api';
import { supApi } from '../supervision/supervision.api';
import { asList } from '../../lib/api';
import type { AlertRow, CaseDetailDto, CaseEvent, CaseView, EvidenceEntry } from '../../lib/api-models';

function eventText(e: CaseEvent, L: (a: string, b: string) => string, stepName: (k: string) => string): string {
  const d = e.data ?? {};
  const bits = [d.step && `${L('环节', 'step')}「${stepName(d.step)}」`, d.opinion && `${d.opinion.verdict === 'agree' ? L('同意', 'agree') : L('不同意', 'disagree')}${d.opinion.text ? `：${d.opinion.text}` : ''}`,
    d.reason && `${L('理由', 'reason')}：${d.reason}`, d.toStep && `→ ${stepName(d.toStep)}`, d.workingDays && `+${d.workingDays} ${L('工作日', 'working days')}`,
    d.outcome && `${L('结果', 'outcome')}：${d.outcome}`, d.documentNo && `${L('文书', 'doc')} ${d.documentNo}`, d.name && d.evidenceId && d.name, d.amount != null && `¥${d.amount}`,
    Array.isArray(d.materials) && d.materials.length > 0 && `${L('材料', 'materials')}：${d.materials.join('、')}`, d.remedies && `${L('救济途径', 'remedies')}：${d.remedies}`];
  return bits.filter(Boolean).join('；');
}

/** The detail endpoint's shape → what the page reads. */
function normalise(d: CaseDetailDto): CaseView {
  const st = d.state ?? {};
  const files = d.evidenceFiles ?? [];
  const ev: EvidenceEntry[] = Object.values(st.evidence ?? {});
  const evidence: EvidenceEntry[] = ev.length ? ev.map((e) => ({ ...e, fileId: files.find((f) => f.id === e.evidenceId || f.sha256 === e.sha256)?.id ?? e.evidenceId }))
    : files.map((f) => ({ evidenceId: f.id, fileId: f.id, kind: f.kind, name: f.name, size: f.size, sha256: f.sha256, attachedAt: f.uploadedAt }));
  return {
    ...d, flow: d.item?.flow ?? null, decision: st.decision ?? null, steps: st.steps ?? [], suspensions: st.suspensions ?? [],
    extensions: st.extensions ?? [], extensionDays: st.extensionDays ?? 0, counterparty: st.counterparty ?? (d.counterpartyName ? { name: d.counterpartyName } : null),
    promisedLimitDays: d.item?.promisedLimitDays, evidence,
  };
}

const CLOCK_KINDS: Record<string, readonly [string, string]> = {
  promised: ['承诺时限', 'Promised limit'], legal: ['法定时限', 'Legal limit'], step: ['环节时限', 'Step limit'],
};

/** The deadline explanation: which holidays, suspensions and extensions moved it. */
function DeadlineCard({ c }: { c: CaseView }) {
  const { t, L, label } = useI18n();
  const clocks = c.clocks ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="deadline-explanation">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('acceptedAt')}>{fmtTime(c.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('dueAt')}>{fmtDue(c.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('legalDueAt')}>{fmtDue(c.legalDueAt)}</Descriptions.Item>
        {c.warnAt && <Descriptions.Item label={L('黄灯起点', 'Yellow from')}>{fmtDue(c.warnAt)}</Descriptions.Item>}
        {c.daysLeft != null && <Descriptions.Item label={t('daysLeft')}><DaysLeft days={c.daysLeft} /></Descriptions.Item>}
      </Descriptions>
      {clocks.map((k, i) => {
        const x = k.explanation ?? {};
        return (
          <Card key={i} size="small" type="inner" title={<Space>{label(CLOCK_KINDS, k.kind)}{k.provisional && <Tag color="warning">{L('暂定（该年日历未发布）', 'Provisional (year not loaded)')}</Tag>}{!k.open && <Tag>{L('已停止', 'Stopped')}</Tag>}</Space>}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              <li>{L(`自 ${x.startDate ?? fmtTime(k.start).slice(0, 10)} 起算，当日不计入（期间开始之日不计算在内）`, `Counted from ${x.startDate ?? fmtTime(k.start).slice(0, 10)}; the starting day is not counted`)}</li>
              <li>{L(`时限 ${k.workingDays} 个工作日`, `${k.workingDays} working days`)}{k.extensionDays ? L(`，延期 ${k.extensionDays} 个工作日`, `, extended by ${k.extensionDays}`) : ''}</li>
              {(x.skippedWeekends ?? 0) > 0 && <li>{L(`跳过周末 ${x.skippedWeekends} 天`, `${x.skippedWeekends} weekend days skipped`)}</li>}
              {(x.skippedHolidays ?? []).length > 0 && <li>{L('跳过法定节假日：', 'Holidays skipped: ')}{(x.skippedHolidays ?? []).map((h) => `${h.date}${h.name ? ` ${h.name}` : ''}`).join('、')}</li>}
              {(x.makeupDaysCounted ?? []).length > 0 && <li>{L('调休上班日计入：', 'Make-up working days counted: ')}{(x.makeupDaysCounted ?? []).join('、')}</li>}
              {(x.suspendedDays ?? []).length > 0 && <li>{L('暂停期间不计：', 'Suspended days not counted: ')}{(x.suspendedDays ?? []).join('、')}</li>}
              <li><b>{L(`于 ${x.dueDate ?? fmtDue(k.dueAt).slice(0, 10)} 24:00 到期`, `Falls due at 24:00 on ${x.dueDate ?? fmtDue(k.dueAt).slice(0, 10)}`)}</b>{L(`；黄灯自 ${fmtDue(k.warnAt)}`, `; yellow from ${fmtDue(k.warnAt)}`)}</li>
            </ul>
          </Card>
        );
      })}
      {(c.suspensions ?? []).length > 0 && <List size="small" header={L('暂停（不计入时限）', 'Suspensions (not counted)')} dataSource={c.suspensions} renderItem={(s) => <List.Item>{fmtTime(s.from)} → {s.to ? fmtTime(s.to) : L('至今', 'now')}：{s.reason}（{s.basis}）</List.Item>} />}
      {(c.extensions ?? []).length > 0 && <List size="small" header={L('延期', 'Extensions')} dataSource={c.extensions} renderItem={(s) => <List.Item>{fmtTime(s.at)} +{s.workingDays} {t('workingDays')}：{s.reason}（{L('批准', 'approved by')} {s.approvedBy}）</List.Item>} />}
      {!clocks.length && <Typography.Text type="secondary">{L('期限按工作日计算，节假日不计；受理当日不计入。', 'Working days only; holidays and the starting day are not counted.')}</Typography.Text>}
    </Space>
  );
}

/** 网上申请: the applicant, the materials supplied (download) and the one-time correction notice with its answer. */
function ApplicationCard({ c }: { c: CaseView }) {
  const { L } = useI18n();
  const st = c.state ?? {};
  const files = c.evidenceFiles ?? [];
  const cp = st.counterparty ?? {};
  return (
    <Card size="small" type="inner" style={{ marginTop: 12 }} title={L('网上申请', 'Online application')} data-testid="application-card">
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
        <Descriptions.Item label={L('申请时间', 'Applied')}>{fmtTime(st.submittedAt)}</Descriptions.Item>
        {c.acceptanceDueAt && <Descriptions.Item label={L('受理期限', 'To be accepted by')}><b data-testid="acceptance-due">{fmtDue(c.acceptanceDueAt)}</b></Descriptions.Item>}
        <Descriptions.Item label={L('申请人', 'Applicant')}>{cp.name ?? '—'}（{cp.kind === 'organization' ? L('法人或其他组织', 'organisation') : L('自然人', 'person')}）</Descriptions.Item>
        <Descriptions.Item label={cp.kind === 'organization' ? L('统一社会信用代码', 'Credit code') : L('身份证号', 'ID number')}>{cp.idNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={L('联系电话', 'Phone')}>{cp.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={L('提交的材料', 'Materials supplied')} span={2}>{(st.appliedMaterials ?? []).join('、') || '—'}</Descriptions.Item>
      </Descriptions>
      <List size="small" header={L('材料文件（点击下载）', 'Files (download)')} dataSource={files} data-testid="application-files" locale={{ emptyText: L('无', 'None') }}
        renderItem={(f) => <List.Item><a href={wbApi.evidenceUrl(c.id, f.id)} target="_blank" rel="noreferrer">{f.name}</a><Typography.Text type="secondary">{fmtTime(f.uploadedAt)}</Typography.Text></List.Item>} />
      {(st.corrections ?? []).map((x, i) => (
        <Alert key={i} style={{ marginTop: 8 }} type={x.answeredAt ? 'success' : 'warning'} showIcon data-testid="application-correction"
          title={x.answeredAt ? L(`申请人已于 ${fmtTime(x.answeredAt)} 提交补正材料`, `Answered ${fmtTime(x.answeredAt)}`) : L(`已于 ${fmtTime(x.at)} 一次性告知补正，等待申请人提交`, `Corrections asked ${fmtTime(x.at)}; waiting for the applicant`)}
          description={`${L('补正材料', 'Materials')}：${(x.materials ?? []).join('、')}；${L('理由', 'reason')}：${x.reason ?? ''}`} />
      ))}
    </Card>
  );
}

/** 办件页: flow with the current step, timeline, evidence, allowed actions, deadline. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, L, label } = useI18n();
  const { can } = useAuth();
  const r = useApi(() => wbApi.case(id), [id]);
  const c: CaseView | null = r.data ? normalise(r.data) : null;
  const al = useApi(() => supApi.alerts({ caseNo: r.data?.caseNo, department: r.data?.departmentCode }), [r.data?.caseNo, r.data?.departmentCode], !!r.data && can('alert.read'));
  if (c) c.alerts = asList<AlertRow>(al.data, 'alerts').filter((a) => a.caseNo === c.caseNo);
  const events = c?.events ?? [];
  const done = (c?.steps ?? []).filter((s) => s.completedAt).map((s) => s.step);
  const alerts = c?.alerts ?? [];
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/workbench">{t('myCases')}</Link> }, { title: c?.caseNo ?? id }]} style={{ marginBottom: 12 }} />
      <PageState loading={r.loading && !r.data} error={r.error} onRetry={r.reload}>
        {c && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card>
              <Space wrap align="center" style={{ marginBottom: 12 }}>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-no">{c.caseNo}</Typography.Title>
                <span data-testid="case-status" data-status={c.status}><CaseStatusTag status={c.status} /></span>{c.state?.channel === 'online' && <Tag color="blue">{L('网上申请', 'Online application')}</Tag>}{c.light !== 'none' && <LightTag light={c.light} />}
                {c.conclusion && c.conclusion !== 'closed' && <Tag color="error">{c.conclusion === 'rejected' ? L('不予受理', 'Rejected') : L('已终止', 'Terminated')}</Tag>}
              </Space>
              <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
                <Descriptions.Item label={t('item')}>{c.item?.name ?? c.itemName ?? c.itemCode}{c.itemVersion != null && ` (v${c.itemVersion})`}</Descriptions.Item>
                <Descriptions.Item label={t('counterparty')}>
                  <PersonalReveal masked={c.counterparty} allowed={can('personal.reveal')} reveal={() => wbApi.revealCounterparty(c.id)} testId="counterparty" />
                </Descriptions.Item>
                <Descriptions.Item label={t('queryCode')}>{c.queryCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('acceptedAt')}>{fmtTime(c.acceptedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('dueAt')}>{fmtDue(c.dueAt)}</Descriptions.Item>
                <Descriptions.Item label={t('currentStep')}>{(c.flow?.steps ?? []).find((s) => s.key === c.currentStep)?.name ?? c.currentStep ?? '—'}</Descriptions.Item>
              </Descriptions>
              {alerts.filter((a) => a.status === 'open').slice(0, 5).map((a) => (
                <Alert key={a.id} type={a.level === 'red' ? 'error' : 'warning'} showIcon style={{ marginTop: 8 }}
                  title={<span><LevelTag level={a.level} />{alertMessage(a)} <Link to={`/supervision/alerts/${a.id}`}>{t('detail')}</Link></span>} />
              ))}
              {c.state?.submittedAt && <ApplicationCard c={c} />}
              {(can('case.write') || can('case.step')) && <div style={{ marginTop: 16 }}><CaseActions c={c} stepsOnly={!can('case.write')} onDone={() => { r.reload(); al.reload(); }} /></div>}
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={9}><Card title={t('flow')} size="small"><FlowChart flow={c.flow} current={c.status === 'concluded' ? null : c.currentStep} done={done} /></Card></Col>
              <Col xs={24} lg={15}>
                <Card size="small">
                  <Tabs items={[
                    { key: 'events', label: t('events'), children: (
                      <Timeline data-testid="case-timeline" items={events.map((e) => ({
                        color: e.type.startsWith('case.rejected') || e.type === 'case.terminated' ? 'red' : e.type === 'case.closed' ? 'green' : 'blue',
                        children: <div><b>{label(EVENT_LABELS, e.type)}</b> <Typography.Text type="secondary">{fmtTime(e.occurredAt)} · {e.actor?.name ?? ''}{e.actor?.post ? `（${e.actor.post}）` : ''}{e.source === 'exchange' ? L(' · 接口推送', ' · via exchange') : ''}</Typography.Text><div>{eventText(e, L, (k) => (c.flow?.steps ?? []).find((x) => x.key === k)?.name ?? k)}</div></div>,
                      }))} />) },
                    { key: 'evidence', label: t('evidence'), children: <EvidencePanel c={c} canWrite={can('evidence.write')} onDone={() => { r.reload(); al.reload(); }} /> },
                    { key: 'deadline', label: t('deadline'), children: <DeadlineCard c={c} /> },
                    { key: 'documents', label: L('文书', 'Notices'), children: <DocumentsCard subjectType="case" subjectId={c.id} reloadKey={c.events?.length} /> },
                    { key: 'alerts', label: `${t('alerts')} (${alerts.length})`, children: (
                      <List size="small" dataSource={alerts} renderItem={(a) => <List.Item><Space wrap><LevelTag level={a.level} />{label(ALERT_LABELS, a.code)}<StatusTag status={a.status} />{alertMessage(a)}<Link to={`/supervision/alerts/${a.id}`}>{t('detail')}</Link></Space></List.Item>} />) },
                  ]} />
                </Card>
              </Col>
            </Row>
          </Space>
        )}
      </PageState>
    </>
  );
}
