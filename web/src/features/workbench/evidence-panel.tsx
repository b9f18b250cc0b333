import { Button, Image, List, Modal, Select, Space, Tag, Upload, message } from 'antd';
import { UploadOutlined, EyeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { errorText } from '../../components/states';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { wbApi } from './workbench.api';
import type { CaseView, EvidenceEntry } from '../../lib/api-models';

const KINDS = ['photo', 'document', 'video', 'audio'] as const;

function kindOf(file: File): (typeof KINDS)[number] {
  if (file.type.startsWith('image/')) return 'photo';
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  return 'document';
}

/** 证据材料: upload (with progress) and preview; removal needs a reason. */
export function EvidencePanel({ c, canWrite, onDone }: { c: CaseView; canWrite: boolean; onDone: () => void }) {
  const { L } = useI18n();
  const [kind, setKind] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<EvidenceEntry | null>(null);
  const list: EvidenceEntry[] = Array.isArray(c.evidence) ? c.evidence : Object.values(c.evidence ?? {});
  const url = (e: EvidenceEntry) => e.url ?? wbApi.evidenceUrl(c.id, e.fileId ?? e.evidenceId);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('kind', kind ?? kindOf(file));
      fd.append('file', file, file.name);
      await wbApi.upload(c.id, fd);
      message.success(L('证据已上传', 'Evidence uploaded'));
      onDone();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
    return false;
  };
  const remove = (e: EvidenceEntry) => {
    let reason = '';
    Modal.confirm({
      title: L('移除证据须说明理由', 'Removing evidence needs a reason'),
      content: <textarea style={{ width: '100%' }} rows={3} onChange={(ev) => { reason = ev.target.value; }} />,
      onOk: async () => {
        if (!reason.trim()) { message.error(L('请填写理由', 'Give the reason')); throw new Error('reason'); }
        try { await wbApi.command(c.id, 'removeEvidence', { evidenceId: e.evidenceId, reason }); onDone(); }
        catch (err) { message.error(errorText(err)); }
      },
    });
  };
  return (
    <>
      {canWrite && (c.allowedActions ?? []).includes('attachEvidence') && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Select allowClear placeholder={L('类型（自动识别）', 'Kind (auto)')} style={{ width: 150 }} value={kind} onChange={setKind}
            options={[{ value: 'photo', label: L('照片', 'Photo') }, { value: 'document', label: L('文书', 'Document') }, { value: 'video', label: L('视频', 'Video') }, { value: 'audio', label: L('录音', 'Audio') }]} />
          <Upload beforeUpload={upload} showUploadList={false} disabled={busy}>
            <Button icon={<UploadOutlined />} loading={busy} data-testid="evidence-upload">{L('上传证据', 'Upload evidence')}</Button>
          </Upload>
        </Space>
      )}
      <List size="small" dataSource={list} locale={{ emptyText: L('尚无证据', 'No evidence yet') }} data-testid="evidence-list"
        renderItem={(e) => (
          <List.Item actions={[
            <Button key="v" size="small" icon={<EyeOutlined />} onClick={() => setPreview(e)} disabled={!!e.removedAt}>{L('预览', 'Preview')}</Button>,
            ...(canWrite && !e.removedAt && (c.allowedActions ?? []).includes('removeEvidence') ? [<Button key="r" size="small" danger onClick={() => remove(e)}>{L('移除', 'Remove')}</Button>] : []),
          ]}>
            <List.Item.Meta title={<Space>{e.name}{e.removedAt && <Tag color="error">{L('已移除', 'Removed')}</Tag>}</Space>}
              description={<span style={{ fontSize: 12 }}>{e.kind} · {(Number(e.size) / 1024).toFixed(1)} KB · {fmtTime(e.attachedAt)} · SHA-256 {String(e.sha256 ?? '').slice(0, 16)}…</span>} />
          </List.Item>
        )} />
      <Modal open={!!preview} title={preview?.name} footer={null} onCancel={() => setPreview(null)} width={800} destroyOnHidden>
        {preview && (preview.kind === 'photo' ? <Image src={url(preview)} alt={preview.name} style={{ maxWidth: '100%' }} />
          : preview.kind === 'video' ? <video src={url(preview)} controls style={{ width: '100%' }} />
          : preview.kind === 'audio' ? <audio src={url(preview)} controls />
          : <iframe title={preview.name} src={url(preview)} style={{ width: '100%', height: 520, border: 0 }} />)}
        {preview && <div style={{ marginTop: 8 }}><a href={url(preview)} target="_blank" rel="noreferrer">{L('在新窗口打开 / 下载', 'Open / download')}</a></div>}
      </Modal>
    </>
  );
}
