import { Button, Progress, Space, Table, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { exportExcel, type ExportColumn } from '../lib/excel';
import { useI18n } from '../lib/i18n';
import { errorText } from './states';

interface Props<T> extends Omit<TableProps<T>, 'columns'> {
  columns: ColumnsType<T>;
  /** Columns for the Excel export (plain values); defaults to dataIndex of the table's columns. */
  exportColumns?: ExportColumn[];
  exportName?: string;
  toolbar?: ReactNode;
}

/** An Ant Design table with an Excel export button and a progress bar while exporting. */
export function DataTable<T extends object>({ columns: given, exportColumns, exportName, toolbar, dataSource, ...rest }: Props<T>) {
  // a wide table scrolls between a fixed first column (what the row is) and a fixed last one (its state or actions)
  const columns: ColumnsType<T> = given.length >= 6
    ? given.map((c, i) => (i === 0 && !c.fixed ? { ...c, fixed: 'start' as const } : i === given.length - 1 && !c.fixed ? { ...c, fixed: 'end' as const } : c))
    : given;
  const { t, L } = useI18n();
  const [pct, setPct] = useState<number | null>(null);
  const cols: ExportColumn[] = exportColumns ?? columns
    .filter((c): c is typeof c & { dataIndex: string | string[] } => 'dataIndex' in c && c.dataIndex !== undefined)
    .map((c) => ({ title: String(c.title ?? ''), value: (r: any) => (Array.isArray(c.dataIndex) ? (c.dataIndex as (string | number)[]).reduce((o: any, k) => o?.[k], r) : r[c.dataIndex as string]) }));
  const doExport = async () => {
    setPct(0);
    try {
      await exportExcel(exportName ?? 'export', exportName ?? 'Sheet1', cols, [...(dataSource ?? [])], setPct);
      message.success(L('已导出', 'Exported'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setTimeout(() => setPct(null), 600);
    }
  };
  return (
    <div>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>{toolbar}</Space>
        <Space>
          {pct !== null && <Progress percent={pct} size="small" style={{ width: 120 }} />}
          <Button icon={<DownloadOutlined />} onClick={doExport} disabled={pct !== null || !dataSource?.length} data-testid="export-excel">{pct !== null ? t('exporting') : t('exportExcel')}</Button>
        </Space>
      </Space>
      <Table<T> columns={columns} dataSource={dataSource} size="middle" scroll={{ x: 'max-content' }} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} {...rest} />
    </div>
  );
}
