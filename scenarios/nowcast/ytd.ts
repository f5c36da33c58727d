/**
 * Year-to-date statistics (1-N月累计) coming in: reading a sheet (xlsx or csv, Chinese headers)
 * and validating its rows before anything is stored. All or nothing: one error and no actual is
 * returned. See docs/nowcast.md ("Validation", "Storage", "Sheets").
 *
 * validateYtdRows is pure; readYtdSheet loads exceljs lazily (only for xlsx).
 *
 * The code, by concern, under scenarios/nowcast/ytd/ (this file is the public entry):
 *   names.ts     the plan's series by name and alias (seriesInfo, seriesAliases, normName)
 *   cells.ts     cell values as numbers, dates and text
 *   validate.ts  the records: rows validated into actuals (validateYtdRows)
 *   columns.ts   the header: which column holds which field (guessYtdColumns)
 *   periods.ts   periods in a header, a cell or the title row (parsePeriodText)
 *   read.ts      reading a sheet (rowsFromTable, readYtdSheet)
 */
export { parseYtdNote, type ActualLike, type YtdImplied, type YtdNote } from '../../models/records';

export type { YtdField, YtdRowError } from '../../contract/types';

export { seriesInfo, seriesAliases } from './ytd/names';
export { type YtdRowInput, type YtdValidation, type YtdValidateOptions, validateYtdRows } from './ytd/validate';
export { type SheetField, type SheetColumns, guessYtdColumns } from './ytd/columns';
export { parsePeriodText, type SheetPeriod } from './ytd/periods';
export { type ReadYtdIssue, type ReadYtdResult, type ReadYtdOptions, readYtdSheet } from './ytd/read';
