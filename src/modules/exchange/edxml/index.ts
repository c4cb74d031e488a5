/** Public surface of the edXML codec. */
export { parseEdxml, DEFAULT_EDXML_LIMITS } from './parse.js';
export { emitEdocPackage, emitStatusPackage, buildDocumentId, escapeXml } from './emit.js';
export { toCliJson } from './cli-json.js';
export type { CliJson, EdocCliJson, StatusCliJson } from './cli-json.js';
export { parseEdxmlDate, parseEdxmlTimestamp, formatQcvnDate, formatQcvnTimestamp } from './dates.js';
export * from './types.js';
