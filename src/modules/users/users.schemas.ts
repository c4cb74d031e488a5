import { Type, type Static } from 'typebox';
import { Nullable, PageQuery, Uuid } from '../../lib/schemas.js';
import { ROLES } from '../../db/schema/index.js';

export const RoleName = Type.Union([Type.Literal('admin'), Type.Literal('clerk'), Type.Literal('leader'), Type.Literal('specialist')], {
  description: ROLES.join(' | '),
});

export const GrantDto = Type.Object({ organizationId: Uuid, organizationName: Type.String(), role: RoleName });

export const UserDto = Type.Object({
  id: Uuid,
  username: Type.String(),
  fullName: Type.String(),
  email: Nullable(Type.String()),
  position: Nullable(Type.String()),
  organizationId: Uuid,
  organizationName: Type.String(),
  active: Type.Boolean(),
  roles: Type.Array(GrantDto),
});
export type UserDto = Static<typeof UserDto>;

const Username = Type.String({ pattern: '^[A-Za-z0-9._-]{3,64}$', description: '3-64 letters, digits, dot, dash, underscore' });
const Password = Type.String({ minLength: 8, maxLength: 200 });
const GrantInput = Type.Object({ organizationId: Uuid, role: RoleName });

export const CreateUserBody = Type.Object({
  username: Username,
  password: Password,
  fullName: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  position: Type.Optional(Type.String({ maxLength: 200 })),
  organizationId: Uuid,
  roles: Type.Optional(Type.Array(GrantInput, { maxItems: 50 })),
});
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object({
  fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  position: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  organizationId: Type.Optional(Uuid),
  active: Type.Optional(Type.Boolean()),
  password: Type.Optional(Password),
});
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const SetRolesBody = Type.Object({ roles: Type.Array(GrantInput, { maxItems: 50 }) });
export type SetRolesBody = Static<typeof SetRolesBody>;

/**
 * A person in the people picker. Everyone sees what a picker needs; an administrator also sees, for
 * the people they administer, the fields they manage (username, e-mail, active...).
 */
export const PersonDto = Type.Object({
  id: Uuid,
  fullName: Type.String(),
  /** Chức vụ (position), e.g. Chủ tịch, Văn thư. */
  title: Nullable(Type.String()),
  /** The unit the person works in. */
  organization: Type.Object({ id: Uuid, name: Type.String() }),
  /** Roles in the work (clerk, leader, specialist) and where; administrator grants only to administrators. */
  roles: Type.Array(GrantDto),
  username: Type.Optional(Type.String({ description: 'administrators only' })),
  email: Type.Optional(Nullable(Type.String({ description: 'administrators only' }))),
  position: Type.Optional(Nullable(Type.String({ description: 'administrators only (the same as title)' }))),
  organizationId: Type.Optional(Uuid),
  organizationName: Type.Optional(Type.String()),
  active: Type.Optional(Type.Boolean({ description: 'administrators only' })),
});
export type PersonDto = Static<typeof PersonDto>;

export const ListUsersQuery = Type.Object({
  ...PageQuery,
  /** Only the people of this unit. */
  organizationId: Type.Optional(Uuid),
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'words of the name or position, with or without diacritics, in any order (an administrator: also a username)',
    }),
  ),
});
export type ListUsersQuery = Static<typeof ListUsersQuery>;

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export const LoginResponse = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresAt: Type.String(),
  user: UserDto,
});
