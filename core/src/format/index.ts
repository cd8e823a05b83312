export { diagnosticsToJson, type JsonDiagnostic, type JsonReport } from './json.js';
export { type SarifOptions, toSarif } from './sarif.js';
export { formatDiagnosticsText, type TextFormatOptions } from './text.js';
export {
  type CountOptions,
  type FileResult,
  summaryLine,
  type Totals,
  totals,
  type Unreadable,
} from './types.js';
