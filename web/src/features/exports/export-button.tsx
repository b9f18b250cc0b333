import { Alert, Button, Form, Input, Modal, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText } from '../../components/states';
import { useI18n } from '../../lib/i18n';
import { valuesOf } from '../../lib/form';
import { download, exportsApi, type ExportFilters } from './exports.api';

export interface ExportSpec { list: string; filters?: ExportFilters }

let catalogue: ReturnType<typeof exportsApi.lists> | null = null;
const lists = () => (catalogue ??= exportsApi.lists().catch((e) => { catalogue = null; throw e; }));

/**
 * 导出: asks the server for an export of this list with the filters on screen. Supervision and personal
 * data need the use (用途) and a leader's approval (第十五条), then are downloaded from 导出申请; a public
 * list is downloaded at once. Either way the server registers and audits it: nothing is built in the browser.
 */
export function ExportButton({ spec, disabled }: { spec: ExportSpec; disabled?: boolean }) {
  const { t, L } = useI18n();
  const [open, setOpen] = useState(false);
  const [needs, setNeeds] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const start = async () => {
    try {
      const c = await lists();
      setNeeds(c.lists.find((l) => l.key === spec.list)?.approvalRequired ?? true);
      form.resetFields();
      setOpen(true);
    } catch (e) { message.error(errorText(e)); }
  };
  const submit = async () => {
    const v = await valuesOf(form);
    if (!v) return;
    setBusy(true);
    try {
      const r = await exportsApi.request(spec.list, spec.filters ?? {}, v.purpose || undefined);
      setOpen(false);
      if (r.status === 'approved') { download(r.id); message.success(L('已导出，并已登记', 'Exported and registered')); }
      else message.success(L('已提交导出申请，待分管领导批准后在“导出申请”中下载', 'Request submitted: download it from Export requests once a leader approves'));
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={start} disabled={disabled} data-testid="export-excel">{t('exportExcel')}</Button>
      <Modal open={open} title={t('exportExcel')} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={busy} okText={needs ? L('提交申请', 'Request') : L('导出', 'Export')} cancelText={t('cancel')} destroyOnHidden>
        {needs
          ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={L('此列表含监察数据或个人信息：依川办发〔2014〕2号电子监察办法第十五条，须经单位分管领导批准后方可下载；导出和每次下载都将登记备查。', 'Supervision or personal data: a leader of your unit must approve before you can download (第十五条); the export and each download are registered.')} />
          : <Alert type="info" showIcon style={{ marginBottom: 12 }} message={L('公开数据，无须审批；导出将登记备查。', 'Public data: no approval needed; the export is registered.')} />}
        <Form form={form} layout="vertical">
          <Form.Item name="purpose" label={L('用途', 'Purpose')} rules={needs ? [{ required: true, min: 2, message: L('请填写用途', 'State the purpose') }] : []}>
            <Input.TextArea rows={3} maxLength={500} data-testid="export-purpose" />
          </Form.Item>
        </Form>
        {needs && <Link to="/exports">{L('查看我的导出申请', 'My export requests')}</Link>}
      </Modal>
    </>
  );
}
