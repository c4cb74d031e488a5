import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from '../../lib/schemas.js';

export const DirectionSchema = Type.Union([Type.Literal('incoming'), Type.Literal('outgoing'), Type.Literal('internal')]);
const SecretLevel = Type.Union([Type.Literal('secret'), Type.Literal('top_secret'), Type.Literal('absolute_secret')]);

export const RegisterDto = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  direction: DirectionSchema,
  year: Type.Integer(),
  name: Type.String(),
  typeNames: Nullable(Type.Array(Type.String())),
  confidentialities: Nullable(Type.Array(Type.String())),
  nextNumber: Type.Integer(),
  createdAt: Type.String(),
});
export type RegisterDto = Static<typeof RegisterDto>;

export const RegisterListQuery = Type.Object({
  organizationId: Uuid,
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2199 })),
  direction: Type.Optional(DirectionSchema),
});
export type RegisterListQuery = Static<typeof RegisterListQuery>;

export const CreateRegisterBody = Type.Object({
  organizationId: Uuid,
  direction: DirectionSchema,
  year: Type.Integer({ minimum: 1900, maximum: 2199 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** Restrict the register to these document types (Vietnamese names); omitted: every type. */
  typeNames: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50, uniqueItems: true })),
  /** A separate series for secret documents of these levels; omitted: normal documents. */
  confidentialities: Type.Optional(Type.Array(SecretLevel, { minItems: 1, maxItems: 3, uniqueItems: true })),
});
export type CreateRegisterBody = Static<typeof CreateRegisterBody>;
