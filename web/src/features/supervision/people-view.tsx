import { Card, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/states';
import { api } from '../../lib/api';
import type { PeopleScores } from './evaluation.api';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';

/**
 * 岗位与人员考评 (盐城电子监察办法 第十七、二十二条): the people and posts of a region scored from the
 * findings attributed to them; narrow to a department (region → department → person).
 */
export function PeopleView({ region, period }: { region: string; period: string }) {
  const { L } = useI18n();
  const r = useApi(() => api.get<PeopleScores>('/api/evaluation/v1/people', { region, period }), [region, period]);
  const [dept, setDept] = useState<string>();
  const d = r.data;
  const depts = useMemo(() => [...new Map((d?.people ?? []).map((x) => [x.department, x.departmentName])).entries()].map(([value, label]) => ({ value, label })), [d]);
  const people = (d?.people ?? []).filter((x) => !dept || x.department === dept);
  const posts = (d?.posts ?? []).filter((x) => !dept || x.department === dept);
  const counts = [
    { title: L('红灯', 'Red'), dataIndex: 'red', width: 70 }, { title: L('黄灯', 'Yellow'), dataIndex: 'yellow', width: 70 },
    { title: L('督办逾期', 'Orders overdue'), dataIndex: 'ordersOverdue', width: 90 },
    { title: L('得分', 'Score'), dataIndex: 'score', width: 80, render: (v: number) => <Typography.Text strong>{v.toFixed(2)}</Typography.Text> },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ErrorAlert error={r.error} onRetry={r.reload} />
      {d?.withheld ? <Typography.Text type="secondary" data-testid="people-withheld">{L('本期人员和岗位得分尚未经监察机构审定，审定后可查看。', 'Not approved yet.')}</Typography.Text> : null}
      {d?.scheme ? <Typography.Text type="secondary">{L(`依据《${d.scheme.name}》（第 ${d.scheme.version} 版）中可归责到人的指标（预警报警扣分），基础分 ${d.scheme.base}；排名为全地区名次。`, 'Scored by the scheme\'s attributable indicators.')}</Typography.Text> : null}
      <Select allowClear placeholder={L('全部部门', 'All departments')} style={{ width: 260 }} value={dept} onChange={setDept} options={depts} data-testid="people-dept" />
      <Card size="small" title={L('人员', 'People')}>
        <DataTable rowKey={(x) => `${x.department}/${x.officerId}`} loading={r.loading} dataSource={people} size="small" data-testid="people-scores"
          columns={[{ title: L('名次', 'Rank'), dataIndex: 'rank', width: 64 }, { title: L('姓名', 'Name'), dataIndex: 'name' }, { title: L('岗位', 'Post'), dataIndex: 'post', render: (v: string) => v || '—' },
            { title: L('部门', 'Department'), dataIndex: 'departmentName' }, ...counts]} />
      </Card>
      <Card size="small" title={L('岗位', 'Posts')}>
        <DataTable rowKey={(x) => `${x.department}/${x.post}`} loading={r.loading} dataSource={posts} size="small" data-testid="post-scores"
          columns={[{ title: L('名次', 'Rank'), dataIndex: 'rank', width: 64 }, { title: L('岗位', 'Post'), dataIndex: 'post' }, { title: L('部门', 'Department'), dataIndex: 'departmentName' }, ...counts]} />
      </Card>
    </Space>
  );
}
