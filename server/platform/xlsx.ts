import ExcelJS from 'exceljs';

export interface Column {
  header: string;
  key: string;
  width?: number;
}

/** One-sheet Excel workbook from rows (officers live in spreadsheets: exports are .xlsx with Chinese headers). */
export async function writeXlsx(
  sheetName: string,
  columns: Column[],
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  for await (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads the first sheet into objects keyed by the header row's text; empty rows are skipped. */
export async function readXlsx(data: Buffer): Promise<{ headers: string[]; rows: { rowNumber: number; values: Record<string, string> }[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (headers[col - 1] = String(cell.text ?? '').trim()));
  const rows: { rowNumber: number; values: Record<string, string> }[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    headers.forEach((h, i) => (values[h] = String(row.getCell(i + 1).text ?? '').trim()));
    if (Object.values(values).some((v) => v !== '')) rows.push({ rowNumber, values });
  });
  return { headers, rows };
}
