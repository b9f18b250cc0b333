import { Button, Card, Col, Empty, Input, List, Row, Select, Space, Tag, Typography, Grid } from 'antd';
import { PageTitle } from '../../components/page-title';
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
        <PageTitle size={screens.md ? 24 : 20}>{t('catalog')}</PageTitle>
        <Typography.Paragraph type="secondary">{L('依法公开各部门行政职权的依据、流程、时限、收费和救济途径。', 'The legal basis, flow, limits, fees and remedies of every department’s powers, published by law.')}</Typography.Paragraph>
        <Input.Search aria-label={L('搜索权力事项', 'Search the catalog')} placeholder={L('输入事项名称、拼音或简称，如：食品经营、shipin、环评', 'Item name, pinyin or abbreviation, e.g. 食品经营, shipin, 环评')} value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim() || undefined)} enterButton={t('search')} allowClear size="large" data-testid="catalog-search" />
        <Row gutter={[8, 8]} style={{ marginTop: 12 }}>
          <Col xs={24} md={8}>
            <Select style={{ width: '100%' }} allowClear placeholder={t('region')} aria-label={t('region')} value={region} onChange={(v) => set('region', v)} loading={regions.loading} showSearch={{ optionFilterProp: 'label' }}
              options={(regions.data ?? []).map((r) => ({ value: r.code, label: `${r.name}` }))} data-testid="filter-region" />
          </Col>
          <Col xs={24} md={8}>
            <Select style={{ width: '100%' }} allowClear placeholder={t('department')} aria-label={t('department')} value={department} onChange={(v) => set('department', v)} loading={depts.loading} showSearch={{ optionFilterProp: 'label' }}
              options={(depts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} data-testid="filter-department" />
          </Col>
          <Col xs={24} md={8}>
            <Select style={{ width: '100%' }} allowClear placeholder={t('category')} aria-label={t('category')} value={category} onChange={(v) => set('category', v)}
              options={Object.keys(CATEGORY_LABELS).map((c) => ({ value: c, label: label(CATEGORY_LABELS, c) }))} data-testid="filter-category" />
          </Col>
        </Row>
      </Card>
      <Card title={`${L('事项', 'Items')}${items.data ? `（${list.length}）` : ''}`}>
        <PageState loading={items.loading} error={items.error} onRetry={items.reload}>
          {!list.length ? <SearchHelp q={q} onCategory={(c) => { const p = new URLSearchParams(); p.set('category', c); setText(''); setParams(p); }} onQuery={(v) => { setText(v); set('q', v); }} /> : <List
            dataSource={list}
            pagination={list.length > 15 ? { pageSize: 15, size: 'small' } : false}
            renderItem={(it) => (
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
          />}
        </PageState>
      </Card>
    </Space>
  );
}

/** Popular searches (the demo catalog's common matters; every catalog answers them by name, pinyin or abbreviation). */
const POPULAR = ['食品经营许可', '环评', '不动产登记', '道路货物运输', '排污许可', '建设用地规划'];

/** The empty state of a search: what was searched, how to search, categories and popular searches to try. */
function SearchHelp({ q, onCategory, onQuery }: { q?: string; onCategory: (c: string) => void; onQuery: (v: string) => void }) {
  const { L, label } = useI18n();
  return (
    <Empty data-testid="catalog-empty" image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={q ? L(`没有找到与「${q}」相关的事项`, `Nothing matches “${q}”`) : L('没有符合条件的事项', 'No items match these filters')}>
      <Space orientation="vertical" size="middle" style={{ textAlign: 'left', maxWidth: 640 }}>
        <div>
          <Typography.Text strong>{L('搜索小提示', 'How to search')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            <li>{L('输入事项名称中的词语，如「食品」「许可」；多个词用空格分开', 'Type words of the item name, such as 食品 or 许可; separate several words with spaces')}</li>
            <li>{L('可用拼音或拼音首字母，如「shipin」「spjy」', 'Pinyin or its initials work too: shipin, spjy')}</li>
            <li>{L('可用常见简称，如「环评」（环境影响评价）、「社保」「公积金」', 'Common abbreviations work: 环评 (环境影响评价), 社保, 公积金')}</li>
            <li>{L('检查地区、部门筛选是否过窄，或清除筛选后再试', 'Check the region and department filters, or clear them')}</li>
          </ul>
        </div>
        <div>
          <Typography.Text strong>{L('热门搜索', 'Popular searches')}</Typography.Text>
          <div style={{ marginTop: 4 }}><Space wrap>{POPULAR.map((w) => <Button key={w} size="small" autoInsertSpace={false} onClick={() => onQuery(w)} data-testid="popular-search">{w}</Button>)}</Space></div>
        </div>
        <div>
          <Typography.Text strong>{L('按权力类别浏览', 'Browse by kind')}</Typography.Text>
          <div style={{ marginTop: 4 }}><Space wrap>{Object.keys(CATEGORY_LABELS).map((c) => <Tag.CheckableTag key={c} checked={false} onChange={() => onCategory(c)}>{label(CATEGORY_LABELS, c)}</Tag.CheckableTag>)}</Space></div>
        </div>
      </Space>
    </Empty>
  );
}
