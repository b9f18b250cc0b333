import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import type { EditorFlow } from './flow-check';

/** 允许的回退 (退回补正、退回重审): pairs of steps, from a later step back to an earlier one, picked by step name. */
export function RollbacksEditor({ flow, onChange }: { flow: EditorFlow; onChange: (f: EditorFlow) => void }) {
  const { L } = useI18n();
  const options = flow.steps.map((s, i) => ({ value: s.key, label: `${i + 1}. ${s.name || L('未命名', 'Unnamed')}` }));
  const set = (i: number, side: 0 | 1, key: string) =>
    onChange({ ...flow, rollbacks: flow.rollbacks.map((r, j) => (j === i ? (side === 0 ? [key, r[1]] : [r[0], key]) : r)) });
  return (
    <div data-testid="rollbacks-editor">
      <Typography.Text strong>{L('允许的回退', 'Allowed returns')}</Typography.Text>
      <Space orientation="vertical" size={4} style={{ width: '100%', marginTop: 4 }}>
        {flow.rollbacks.map(([from, to], i) => (
          <Space key={i} wrap>
            {L('从', 'From')}
            <Select size="small" style={{ width: 170 }} value={from || undefined} options={options} onChange={(v: string) => set(i, 0, v)} aria-label={L(`第${i + 1}条回退的起始环节`, `Return ${i + 1}: from`)} />
            {L('退回到', 'back to')}
            <Select size="small" style={{ width: 170 }} value={to || undefined} options={options} onChange={(v: string) => set(i, 1, v)} aria-label={L(`第${i + 1}条回退的目标环节`, `Return ${i + 1}: to`)} />
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={L(`删除第${i + 1}条回退`, `Remove return ${i + 1}`)}
              onClick={() => onChange({ ...flow, rollbacks: flow.rollbacks.filter((_, j) => j !== i) })} />
          </Space>
        ))}
        <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={flow.steps.length < 2} onClick={() => onChange({ ...flow, rollbacks: [...flow.rollbacks, ['', '']] })}>
          {L('添加回退', 'Add a return')}
        </Button>
      </Space>
    </div>
  );
}
