import { Space, Table } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import type { ReactNode } from 'react';
import { ExportButton, type ExportSpec } from '../features/exports/export-button';

interface Props<T> extends Omit<TableProps<T>, 'columns'> {
  columns: ColumnsType<T>;
  /**
   * The server list this table shows and its filters: the 导出 Excel button asks the server for it
   * (registered, audited, approved where 第十五条 asks). Without it the table has no export.
   */
  exportList?: ExportSpec;
  toolbar?: ReactNode;
}

/** An Ant Design table with a toolbar and, for the lists the server can export, the export button. */
export function DataTable<T extends object>({ columns: given, exportList, toolbar, dataSource, ...rest }: Props<T>) {
  // a wide table scrolls between a fixed first column (what the row is) and a fixed last one (its state or actions)
  const columns: ColumnsType<T> = given.length >= 6
    ? given.map((c, i) => (i === 0 && !c.fixed ? { ...c, fixed: 'start' as const } : i === given.length - 1 && !c.fixed ? { ...c, fixed: 'end' as const } : c))
    : given;
  return (
    <div>
      {(toolbar || exportList) && (
        <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>{toolbar}</Space>
          {exportList && <ExportButton spec={exportList} disabled={!dataSource?.length} />}
        </Space>
      )}
      <Table<T> columns={columns} dataSource={dataSource} size="middle" scroll={{ x: 'max-content' }} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} {...rest} />
    </div>
  );
}
