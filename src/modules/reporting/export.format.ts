/**
 * Tables to files (docs/reporting.md, "Exports"): CSV streamed row by row (UTF-8 with a BOM so that
 * Excel in Chinese opens it, RFC 4180 quoting, text starting with = + - @ tab or CR prefixed with
 * an apostrophe so that it is never taken for a formula; numbers stay numbers), or XLSX built with
 * write-excel-file (a workbook is assembled in memory, hence its lower row cap).
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import { ExportFormat } from './export.entity.js';

export type CellValue = string | number | boolean | null;

/** A table to export: its columns and its rows, produced page by page. */
export interface ExportTable {
  title: string;
  columns: readonly string[];
  rows: AsyncIterable<readonly CellValue[]>;
}

/** Most rows a file of each format holds; beyond, the export stops and says it was truncated. */
export const ROW_CAPS: Record<ExportFormat, number> = { CSV: 100_000, XLSX: 50_000 };

const text = (v: CellValue): string | number | null => (typeof v === 'boolean' ? (v ? '是' : '否') : v);

/** A name Excel accepts for a sheet: ≤ 31 characters, none of \ / ? * [ ] :, no apostrophe at either end, not blank, not "History". */
export function sheetName(title: string): string {
  const name = title.replace(/[\\/?*[\]:\p{Cc}]/gu, ' ').slice(0, 31).replace(/^'+|'+$/g, '').trim();
  return !name || name.toLowerCase() === 'history' ? '导出' : name;
}

/** The file of a table, as a stream; `done` resolves to the rows written and whether the cap stopped it. */
export function renderTable(table: ExportTable, format: ExportFormat): { stream: Readable; done: Promise<{ rows: number; truncated: boolean }> } {
  const cap = ROW_CAPS[format];
  const out = new PassThrough();
  const done = (async () => {
    let rows = 0;
    let truncated = false;
    if (format === ExportFormat.CSV) {
      const csv = stringify({ bom: true, escape_formulas: true, record_delimiter: 'windows' });
      csv.pipe(out);
      const write = async (record: readonly (string | number | null)[]) => {
        if (!csv.write(record)) await new Promise((resolve) => csv.once('drain', resolve));
      };
      try {
        await write(table.columns);
        for await (const row of table.rows) {
          if (rows >= cap) {
            truncated = true;
            break;
          }
          await write(row.map(text));
          rows++;
        }
      } finally {
        csv.end();
      }
      return { rows, truncated };
    }
    const sheet: Row[] = [table.columns.map((c) => ({ value: c, fontWeight: 'bold' as const }))];
    for await (const row of table.rows) {
      if (rows >= cap) {
        truncated = true;
        break;
      }
      sheet.push(row.map((v) => (v === null ? null : { value: text(v)! })));
      rows++;
    }
    const file = await writeXlsxFile(sheet, { sheet: sheetName(table.title), stickyRowsCount: 1, columns: table.columns.map((c) => ({ width: Math.min(40, Math.max(10, c.length * 2 + 2)) })) }).toBuffer();
    Readable.from([file]).pipe(out);
    return { rows, truncated };
  })();
  done.catch((error: Error) => out.destroy(error));
  return { stream: out, done };
}
