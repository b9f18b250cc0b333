import { Card, Col, Input, List, Row, Select, Space, Tag, Typography, Grid } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageState } from '../../components/states';
import { CATEGORY_LABELS } from '../../lib/dict';
import { useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';
import { hallApi } from './hall.api';

/** 权力事项目录: browse and search by region, department and category. */
export function CatalogPage() {
  const { t, L, label, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const region = params.get('region') ?? undefined;
  const department = params.get('department') ?? undefined;
  const category = params.get('category') ?? undefined;
  const q = params.get('q') ?? undefined;
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(q ?? ''), [q]);
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v); else p.delete(k);
    if (k === 'region') p.delete('department');
    setParams(p);
  };
  const regions = useApi(() => hallApi.regions(), []);
  const depts = useApi(() => hallApi.departments(region), [region]);
  const items = useApi(() => hallApi.items({ region, department, category, q }), [region, department, category, q]);
  const list = items.data ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={screens.md ? 3 : 4} style={{ marginTop: 0 }}>{t('catalog')}</Typography.Title>
        <Typography.Paragraph type="secondary">{L('依法公开各部门行政职权的依据、流程、时限、收费和救济途径。', 'The legal basis, flow, limits, fees and remedies of every department’s powers, published by law.')}</Typography.Paragraph>
        <Input.Search placeholder={L('输入事项名称或编码', 'Item name or code')} value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim() || undefined)} enterButton={t('search')} allowClear size="large" data-testid="catalog-search" />
        <Row gutter={[8, 8]} style={{ marginTop: 12 }}>
          <Col xs={24} md={8}>
            <Select style={{ width: '100%' }} allowClear placeholder={t('region')} value={region} onChange={(v) => set('region', v)} loading={regions.loading} showSearch={{ optionFilterProp: 'label' }}
              options={(regions.data ?? []).map((r: any) => ({ value: r.code, label: `${r.name}` }))} data-testid="filter-region" />
          </Col>
          <Col xs={24} md={8}>
            <Select style={{ width: '100%' }} allowClear placeholder={t('department')} value={department} onChange={(v) => set('department', v)} loading={depts.loading} showSearch={{ optionFilterProp: 'label' }}
              options={(depts.data ?? []).map((d: any) => ({ value: d.code, label: d.name }))} data-testid="filter-department" />
          </Col>
          <Col xs={24} md={8}>
            <Select style={{ width: '100%' }} allowClear placeholder={t('category')} value={category} onChange={(v) => set('category', v)}
              options={Object.keys(CATEGORY_LABELS).map((c) => ({ value: c, label: label(CATEGORY_LABELS, c) }))} data-testid="filter-category" />
          </Col>
        </Row>
      </Card>
      <Card title={`${L('事项', 'Items')}${items.data ? `（${list.length}）` : ''}`}>
        <PageState loading={items.loading} error={items.error} empty={!list.length} onRetry={items.reload}>
          <List
            dataSource={list}
            pagination={list.length > 15 ? { pageSize: 15, size: 'small' } : false}
            renderItem={(it: any) => (
              <List.Item key={it.code} data-testid="catalog-item">
                <List.Item.Meta
                  title={<Link to={`/hall/items/${encodeURIComponent(it.code)}`}>{it.name}</Link>}
                  description={
                    <Space wrap size={[4, 4]}>
                      <Tag color="red">{label(CATEGORY_LABELS, it.category)}</Tag>
                      <span>{it.departmentName ?? it.department?.name ?? it.departmentCode}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{it.code}</Typography.Text>
                      {it.promisedLimitDays != null && <Tag>{lang === 'en' ? `${it.promisedLimitDays} working days` : `承诺 ${it.promisedLimitDays} 个工作日`}</Tag>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </PageState>
      </Card>
    </Space>
  );
}
