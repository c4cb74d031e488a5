// The Decree 30 types and the others the server accepts: the server's own list (one source).
import { DOCUMENT_TYPES } from '../../../modules/documents/document-types';

export const DOCUMENT_TYPE_NAMES: readonly string[] = DOCUMENT_TYPES.map((t) => t.name);
