import { Alert, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/states';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { hallApi, type PublicCase } from './hall.api';
import { MaterialFiles, MAX_MB, type Chosen } from './material-files';

/** 补正: the one-time notice (every material, the reason) and an upload per material to answer it online. */
export function CorrectionAnswer({ c, onDone }: { c: PublicCase; onDone: () => void }) {
  const { L } = useI18n();
  const pending = (c.corrections ?? []).find((x) => !x.answeredAt);
  const [files, setFiles] = useState<Chosen>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  // once sent, the refreshed case has no pending notice: the confirmation stays
  if (sent) return <Alert type="success" showIcon title={L('补正材料已提交，等待部门受理', 'Sent; awaiting acceptance')} data-testid="correction-sent" />;
  if (!pending || c.status === 'concluded') return null;
  const materials: string[] = pending.materials ?? [];
  const send = async () => {
    setError(null);
    const missing = materials.filter((m) => !files[m]);
    if (missing.length) { setError(new Error(L(`请一并上传全部补正材料，尚缺「${missing.join('、')}」`, `Upload every material asked for; missing: ${missing.join(', ')}`))); return; }
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('answer', JSON.stringify({ caseNo: c.caseNo, queryCode: c.queryCode, files: materials }));
      materials.forEach((m, i) => fd.append(`f${i}`, files[m]!, files[m]!.name));
      await hallApi.answerCorrection(fd);
      setSent(true);
      onDone();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Card title={L('补正材料', 'Materials to supply')} data-testid="correction-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={L(`部门于 ${fmtTime(pending.at)} 一次性告知您补正以下材料`, `On ${fmtTime(pending.at)} the department asked for these materials`)}
          description={<><div data-testid="correction-notice">{materials.join('、')}</div>{pending.reason && <div>{L('理由', 'Reason')}：{pending.reason}</div>}</>} />
        <ErrorAlert error={error} />
        <MaterialFiles materials={materials} value={files} onChange={setFiles} prefix="correction" />
        <span style={{ color: '#888' }}>{L(`PDF、图片或 Word/WPS 文档，每个不超过 ${MAX_MB} MB。`, `PDF, images or Word documents, at most ${MAX_MB} MB each.`)}</span>
        <Button type="primary" onClick={send} loading={busy} data-testid="correction-submit">{L('提交补正材料', 'Send the materials')}</Button>
      </Space>
    </Card>
  );
}
