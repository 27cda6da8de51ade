/**
 * The one CSV writer every export goes through: RFC 4180 quoting by csv-stringify, CRLF, a UTF-8 byte-order mark
 * (spreadsheet programs then read Chinese correctly) and formula escaping. A nickname or a title is typed by a
 * resident or an organizer: a cell that starts with =, +, -, @, a tab or a carriage return would run as a formula
 * in the organizer's spreadsheet (=HYPERLINK(...) leaking the sheet, a DDE call), so such text cells get a leading
 * apostrophe. Numbers are numbers and stay as they are.
 */
import { stringify } from 'csv-stringify/sync'

export type CsvCell = string | number

export function csvFile(rows: CsvCell[][]): string {
  return `\uFEFF${stringify(rows, { record_delimiter: 'windows', escape_formulas: true })}`
}
