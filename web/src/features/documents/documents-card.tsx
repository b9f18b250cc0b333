import { Card, List, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { fmtTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { docApi, type SubjectType } from './documents.api';

/** The notices issued about one subject (文书), each downloadable as its archived PDF. */
export function DocumentsCard({ subjectType, subjectId, reloadKey }: { subjectType: SubjectType; subjectId: string; reloadKey?: unknown }) {
  const { L } = useI18n();
  const r = useApi(() => docApi.list(subjectType, subjectId), [subjectType, subjectId, reloadKey], !!subjectId);
  const docs = r.data?.documents ?? [];
  return (
    <Card title={L('文书', 'Notices')} size="small" data-testid="documents-card" loading={r.loading && !r.data}>
      <List size="small" dataSource={docs} locale={{ emptyText: L('暂无文书', 'No notices yet') }} renderItem={(d) => (
        <List.Item>
          <Space wrap>
            <FilePdfOutlined />
            <a href={docApi.pdfUrl(d.id)} target="_blank" rel="noreferrer" data-testid="document-link">{d.title}</a>
            {d.docNo && <Tag>{d.docNo}</Tag>}
            <Typography.Text type="secondary">{fmtTime(d.issuedAt)}{d.issuedByName ? ` · ${d.issuedByName}` : ''}</Typography.Text>
          </Space>
        </List.Item>
      )} />
    </Card>
  );
}
