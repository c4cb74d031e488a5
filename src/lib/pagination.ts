import { AppError } from './errors.js';

/** Opaque keyset cursors: base64url of a JSON array of the sort key values of the last row. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** @throws AppError VALIDATION_FAILED when the cursor was not produced by encodeCursor. */
export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === arity) return v;
  } catch {
    // fall through to the refusal below
  }
  throw new AppError('VALIDATION_FAILED', { message: 'invalid cursor' });
}
