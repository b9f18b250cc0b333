import { List, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../lib/i18n';

export const MAX_MB = 20;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.gif,.webp,.bmp,.tif,.tiff,.doc,.docx,.wps,.odt,.xls,.xlsx';
export type Chosen = Record<string, File | undefined>;

/** One file input per material (网上申请, 补正), each checked for size before it is sent; the server checks the type by content. */
export function MaterialFiles({ materials, value, onChange, prefix }: { materials: string[]; value: Chosen; onChange: (v: Chosen) => void; prefix: string }) {
  const { L } = useI18n();
  const [tooBig, setTooBig] = useState<Record<string, boolean>>({});
  return (
    <List size="small" bordered dataSource={materials} data-testid={`${prefix}-materials`} renderItem={(m, i) => (
      <List.Item>
        <Typography.Text style={{ minWidth: 180 }}>{i + 1}. {m}</Typography.Text>
        <span>
          <input type="file" accept={ACCEPT} data-material={m} id={`${prefix}-file-${i}`} aria-label={m} onChange={(e) => {
            const f = e.target.files?.[0];
            const big = !!f && f.size > MAX_MB * 1024 * 1024;
            setTooBig({ ...tooBig, [m]: big });
            onChange({ ...value, [m]: f && !big ? f : undefined });
          }} />
          {tooBig[m] && <Typography.Text type="danger">{L(`文件超过 ${MAX_MB} MB`, `Larger than ${MAX_MB} MB`)}</Typography.Text>}
        </span>
      </List.Item>
    )} />
  );
}
