import { Type, type TSchema } from 'typebox';

/** Shared TypeBox pieces for route schemas. */
export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable error code (see src/lib/errors.ts)' }),
      message: Type.String(),
      requestId: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'ErrorResponse' },
);

export const IdParams = Type.Object({ id: Uuid });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 2000 })),
};

/** How many items the list matches (all pages): exact, or the planner's estimate when large (totalIsEstimate). */
export const ListTotalFields = {
  total: Type.Integer({ minimum: 0, description: 'items matching the filters, across all pages' }),
  totalIsEstimate: Type.Boolean({
    description: 'true: total is the database planner’s estimate (more than 10,000 matches), not an exact count',
  }),
};

/** A keyset page of a list, with how many items match across all pages. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()), ...ListTotalFields });

/** A list answered whole (no paging): its total is its length, given as pages give theirs. */
export const WholeList = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), ...ListTotalFields });

/** `list` with the total a WholeList answer carries. */
export const wholeList = <T extends { items: unknown[] }>(list: T) => ({ ...list, total: list.items.length, totalIsEstimate: false });

/** The error responses every authenticated route may give, for the OpenAPI document. */
export const commonErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
} as const;
