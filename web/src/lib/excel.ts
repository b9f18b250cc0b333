/** Exports rows to an .xlsx file in the browser (exceljs loaded on demand). */
export interface ExportColumn { title: string; value: (row: any) => unknown }

export async function exportExcel(fileName: string, sheet: string, columns: ExportColumn[], rows: any[], onProgress?: (pct: number) => void): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.slice(0, 31) || 'Sheet1');
  ws.columns = columns.map((c) => ({ header: c.title, width: Math.max(12, c.title.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  const step = Math.max(1, Math.floor(rows.length / 20));
  for (let i = 0; i < rows.length; i++) {
    ws.addRow(columns.map((c) => {
      const v = c.value(rows[i]);
      return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : (v as string | number);
    }));
    if (onProgress && i % step === 0) { onProgress(Math.round((i / rows.length) * 90)); await new Promise((r) => setTimeout(r, 0)); }
  }
  const buf = await wb.xlsx.writeBuffer();
  onProgress?.(100);
  const blob = new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
