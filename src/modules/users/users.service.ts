import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { pageTotal, type ListTotal } from '../../db/count.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import { foldVietnamese } from '../../lib/text.js';
import type { AuditService } from '../audit/audit.service.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../auth/passwords.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { adminRoots, hasRoleOver, type Principal } from '../auth/principal.js';
import { nameablePeople } from '../auth/reach.js';
import type { TokenSigner } from '../auth/tokens.js';
import type { OrgsDirectory } from '../orgs/orgs-directory.service.js';
import { isUsernameTaken, type PersonRow, type UserRow, type UsersRepo } from './users.repo.js';
import type { CreateUserBody, ListUsersQuery, PersonDto, SetRolesBody, UpdateUserBody, UserDto } from './users.schemas.js';

export type UsersServiceDeps = {
  db: Db;
  usersRepo: UsersRepo;
  orgs: Pick<OrgsDirectory, 'findByIds'>;
  audit: Pick<AuditService, 'record'>;
  tokens: TokenSigner;
  throttle: LoginThrottle;
};

/** Beyond this many matching people the picker's total is the planner's estimate. */
const PICKER_TOTAL_CAP = 1_000;
/** Principals kept per process: past this all are forgotten at once, each read again on its next request. */
const MAX_KEPT_PRINCIPALS = 20_000;

/** A principal as loaded, with what authentication checks on each request and the epoch it is current at. */
type KnownPrincipal = { epoch: string | null; active: boolean; tokenVersion: number; principal: Principal };

/** The same role in the same unit named twice is one grant (the table holds each once). */
function uniqueGrants<T extends { organizationId: string; role: string }>(grants: T[]): T[] {
  return [...new Map(grants.map((g) => [`${g.organizationId}/${g.role}`, g])).values()];
}

export function createUsersService({ db, usersRepo, orgs: orgsDirectory, audit, tokens, throttle }: UsersServiceDeps) {
  /** Principals by user id, each valid while the principal epoch equals its own (authenticate). */
  const principals = new Map<string, KnownPrincipal>();
  async function toDtos(dbx: DbOrTx, rows: { user: UserRow; organizationName: string }[]): Promise<UserDto[]> {
    const grants = await usersRepo.grantsOf(
      dbx,
      rows.map((r) => r.user.id),
    );
    return rows.map(({ user, organizationName }) => ({
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      email: user.email,
      position: user.position,
      organizationId: user.organizationId,
      organizationName,
      active: user.active,
      roles: grants
        .filter((g) => g.userId === user.id)
        .map(({ organizationId, organizationName: n, role }) => ({ organizationId, organizationName: n, role })),
    }));
  }

  /** Pickers show what a person does; the fields an administrator manages only to the administrators of that person. */
  async function toPersonDtos(dbx: DbOrTx, rows: PersonRow[]): Promise<PersonDto[]> {
    const grants = await usersRepo.grantsOf(
      dbx,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const roles = grants
        .filter((g) => g.userId === r.id && (r.administered || g.role !== 'admin'))
        .map(({ organizationId, organizationName, role }) => ({ organizationId, organizationName, role }));
      const person: PersonDto = {
        id: r.id,
        fullName: r.fullName,
        title: r.position,
        organization: { id: r.organizationId, name: r.organizationName },
        roles,
      };
      if (!r.administered) return person;
      return {
        ...person,
        username: r.username,
        email: r.email,
        position: r.position,
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        active: r.active,
      };
    });
  }

  async function dtoOf(dbx: DbOrTx, id: string): Promise<UserDto> {
    const row = await usersRepo.findWithOrganization(dbx, id);
    if (!row) throw new AppError('NOT_FOUND', { message: 'user not found' });
    return (await toDtos(dbx, [row]))[0];
  }

  /**
   * The user if the caller may manage them: the caller administers the user's unit AND every unit the
   * user holds a role in. Managing a user whose roles reach further (a district user who is also a
   * leader of the province) would let the admin reset that password and act above their own subtree.
   * With `allowSelf`, the caller may always read themselves.
   * @throws NOT_FOUND when the caller does not administer the user's unit (they may not know the user);
   *   FORBIDDEN when they do, but the user holds a role outside the caller's subtrees.
   */
  async function loadManaged(
    dbx: DbOrTx,
    p: Principal,
    id: string,
    { allowSelf = false, forUpdate = false }: { allowSelf?: boolean; forUpdate?: boolean } = {},
  ) {
    const row = await usersRepo.findWithOrganization(dbx, id, { forUpdate });
    if (row && allowSelf && row.user.id === p.id) return row;
    if (!row || !hasRoleOver(p, 'admin', row.organizationPath)) throw new AppError('NOT_FOUND', { message: 'user not found' });
    const outside = (await usersRepo.grantsOf(dbx, [id])).filter((g) => !hasRoleOver(p, 'admin', g.organizationPath));
    if (outside.length > 0) {
      throw new AppError('FORBIDDEN', {
        message: `the user holds roles outside the units you administer (${[...new Set(outside.map((g) => g.organizationName))].join(', ')})`,
      });
    }
    return row;
  }

  /** @throws FORBIDDEN when a unit is outside the caller's administered subtrees; VALIDATION_FAILED when it does not exist. */
  async function assertAdministers(dbx: DbOrTx, p: Principal, organizationIds: string[]) {
    const unique = [...new Set(organizationIds)];
    const orgs = await orgsDirectory.findByIds(dbx, unique);
    if (orgs.length !== unique.length) throw new AppError('VALIDATION_FAILED', { message: 'unknown organization' });
    for (const o of orgs) {
      if (!hasRoleOver(p, 'admin', o.path)) throw new AppError('FORBIDDEN', { message: `you do not administer ${o.name}` });
      if (o.validTo !== null) throw new AppError('VALIDATION_FAILED', { message: `${o.name} is no longer current` });
    }
  }

  return {
    /** The user row (any state), for other modules' checks inside their own transaction when they pass one. */
    findById: (dbx: DbOrTx, id: string): Promise<UserRow | undefined> => usersRepo.findById(dbx, id),

    /**
     * Resolves a bearer token to the caller, checking the token, that the user is still active and
     * that the token was issued after the last revocation. The user's row and grants are kept from
     * one request to the next while the principal epoch is unchanged (one small read per request
     * instead of the joined one): any change to users, grants or organisation paths raises the
     * epoch in its own transaction, so the next request sees it, in every process.
     * @throws AppError UNAUTHENTICATED
     */
    async authenticate(token: string): Promise<Principal> {
      const claims = tokens.verify(token);
      const epoch = await usersRepo.principalEpoch(db);
      let known = principals.get(claims.sub);
      if (known === undefined || epoch === null || known.epoch !== epoch) {
        const row = await usersRepo.findPrincipal(db, claims.sub);
        if (!row) throw new AppError('UNAUTHENTICATED', { message: 'token no longer valid' });
        const { active, tokenVersion, epoch: loadedAt, grants, ...user } = row;
        known = {
          epoch: loadedAt,
          active,
          tokenVersion,
          principal: Object.freeze({ ...user, grants: Object.freeze(grants.map((g) => Object.freeze(g))) }),
        };
        if (loadedAt !== null) {
          if (principals.size >= MAX_KEPT_PRINCIPALS) principals.clear();
          principals.set(claims.sub, known);
        }
      }
      if (!known.active || known.tokenVersion !== claims.ver) throw new AppError('UNAUTHENTICATED', { message: 'token no longer valid' });
      return known.principal;
    },

    /**
     * Checks the password (the same answer and about the same time for an unknown user and a wrong
     * password) and issues an access token.
     * @throws AppError TOO_MANY_REQUESTS, INVALID_CREDENTIALS
     */
    async login(username: string, password: string, ip: string) {
      // Counted before the password is checked, so parallel guesses cannot pass the limit.
      await throttle.reserveAttempt(username, ip);
      const user = await usersRepo.findByUsername(db, username);
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !ok || !user.active) throw new AppError('INVALID_CREDENTIALS', { message: 'wrong username or password' });
      await throttle.succeeded(username, ip);
      const { token, expiresAt } = tokens.issue(user.id, user.tokenVersion);
      return { accessToken: token, tokenType: 'Bearer' as const, expiresAt: expiresAt.toISOString(), user: await dtoOf(db, user.id) };
    },

    me: (p: Principal) => dtoOf(db, p.id),

    async get(p: Principal, id: string): Promise<UserDto> {
      await loadManaged(db, p, id, { allowSelf: true });
      return dtoOf(db, id);
    },

    /**
     * The people picker: everyone the caller may name (auth/reach.ts: present a document to, assign
     * it to, put on an approval step) and, for an administrator, everyone in the subtrees they
     * administer, inactive people included, with the fields they manage. `q`: every word must appear
     * in the name or position, diacritics ignored. Ordered by name, keyset-paginated.
     * @throws AppError VALIDATION_FAILED on a bad cursor
     */
    async list(p: Principal, q: ListUsersQuery): Promise<{ items: PersonDto[]; nextCursor: string | null } & ListTotal> {
      const limit = q.limit ?? 100;
      const [searchText, id] = q.cursor ? decodeCursor(q.cursor, ['text', 'uuid']) : [];
      const words = [
        ...new Set(
          foldVietnamese(q.q ?? '')
            .split(' ')
            .filter((w) => w !== ''),
        ),
      ];
      const who = { scopes: nameablePeople(p), adminPaths: adminRoots(p), organizationId: q.organizationId, words };
      const rows = await usersRepo.search(db, { ...who, after: id === undefined ? undefined : { searchText, id }, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: await toPersonDtos(db, page),
        nextCursor: rows.length > limit ? encodeCursor([last.searchText, last.id]) : null,
        // Exact up to PICKER_TOTAL_CAP people: a picker's total only needs its order of magnitude
        // beyond, and counting 10,000 of a province's people on every keystroke would not be cheap.
        ...(await pageTotal(db, { first: id === undefined, fetched: rows.length, limit }, usersRepo.searchMatches(who), PICKER_TOTAL_CAP, {
          planPerCall: true,
        })),
      };
    },

    /** @throws FORBIDDEN outside the caller's subtree; CONFLICT when the username is taken. */
    async create(p: Principal, input: CreateUserBody): Promise<UserDto> {
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        const roles = input.roles ?? [];
        await assertAdministers(tx, p, [input.organizationId, ...roles.map((r) => r.organizationId)]);
        const taken = () => new AppError('CONFLICT', { message: 'username already exists' });
        if (await usersRepo.findByUsername(tx, input.username)) throw taken();
        // The check above answers the common case; two creates racing past it meet at the unique index.
        const user = await usersRepo
          .insert(tx, {
            username: input.username,
            fullName: input.fullName,
            email: input.email ?? null,
            position: input.position ?? null,
            organizationId: input.organizationId,
            passwordHash,
          })
          .catch((err: unknown) => {
            throw isUsernameTaken(err) ? taken() : err;
          });
        await usersRepo.replaceGrants(tx, user.id, uniqueGrants(roles));
        await audit.record(tx, {
          actorId: p.id,
          organizationId: input.organizationId,
          action: 'user.create',
          subjectType: 'user',
          subjectId: user.id,
          details: { username: user.username, roles },
        });
        return dtoOf(tx, user.id);
      });
    },

    async update(p: Principal, id: string, input: UpdateUserBody): Promise<UserDto> {
      const passwordHash = input.password ? await hashPassword(input.password) : undefined;
      return db.transaction(async (tx) => {
        const { user } = await loadManaged(tx, p, id, { forUpdate: true });
        if (input.organizationId) await assertAdministers(tx, p, [input.organizationId]);
        // A new password or a deactivation revokes every token issued before.
        const revoke = passwordHash !== undefined || input.active === false;
        await usersRepo.update(tx, id, {
          fullName: input.fullName,
          email: input.email,
          position: input.position,
          organizationId: input.organizationId,
          active: input.active,
          passwordHash,
          tokenVersion: revoke ? user.tokenVersion + 1 : undefined,
        });
        const changed = Object.keys(input).filter((k) => k !== 'password');
        await audit.record(tx, {
          actorId: p.id,
          organizationId: input.organizationId ?? user.organizationId,
          action: 'user.update',
          subjectType: 'user',
          subjectId: id,
          details: { changed, passwordChanged: passwordHash !== undefined },
        });
        return dtoOf(tx, id);
      });
    },

    /** Replaces the user's roles; every granted unit must lie in the caller's subtree. */
    async setRoles(p: Principal, id: string, input: SetRolesBody): Promise<UserDto> {
      return db.transaction(async (tx) => {
        // A user holding roles outside the caller's subtrees is refused here (FORBIDDEN), so such
        // roles are neither removable nor changeable by this caller.
        const { user } = await loadManaged(tx, p, id, { forUpdate: true });
        const before = await usersRepo.grantsOf(tx, [id]);
        await assertAdministers(
          tx,
          p,
          input.roles.map((r) => r.organizationId),
        );
        await usersRepo.replaceGrants(tx, id, uniqueGrants(input.roles));
        await audit.record(tx, {
          actorId: p.id,
          organizationId: user.organizationId,
          action: 'user.roles.set',
          subjectType: 'user',
          subjectId: id,
          details: { before: before.map(({ organizationId, role }) => ({ organizationId, role })), after: input.roles },
        });
        return dtoOf(tx, id);
      });
    },

    /**
     * Part of a reorganisation (orgs/reorganisation.service.ts, in its transaction, which checked the
     * caller and records the audit event): the staff of the closed unit and their grants there move to
     * the successor. A personal assignment stays with its person, who is now the successor's.
     */
    async transferMembers(tx: Tx, fromId: string, toId: string): Promise<{ users: string[]; grants: number }> {
      return usersRepo.transferMembers(tx, fromId, toId);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
