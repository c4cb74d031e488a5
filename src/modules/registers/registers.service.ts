import type { Db, DbOrTx, Tx } from '../../db/client.js';
import type { Direction } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRoleOver, type Principal } from '../auth/principal.js';
import type { OrgsDirectory } from '../orgs/orgs-directory.service.js';
import type { RegisterRow, RegistersRepo } from './registers.repo.js';
import type { CreateRegisterBody, RegisterDto, RegisterListQuery } from './registers.schemas.js';

export type AllocateNumberInput = {
  organizationId: string;
  direction: Direction;
  /** The year of registration: the Vietnamese date's year (numbers restart at 1 every year). */
  year: number;
  typeName: string;
  confidentiality: string;
};

export type AllocatedNumber = { registerId: string; registerName: string; number: number };

const SECRET_LEVELS = ['secret', 'top_secret', 'absolute_secret'];
const DEFAULT_NAMES: Record<Direction, string> = { incoming: 'Sổ văn bản đến', outgoing: 'Sổ văn bản đi', internal: 'Sổ văn bản nội bộ' };

export function toRegisterDto(row: RegisterRow): RegisterDto {
  return {
    id: row.id,
    organizationId: row.organizationId,
    direction: row.direction,
    year: row.year,
    name: row.name,
    typeNames: row.typeNames,
    confidentialities: row.confidentialities,
    nextNumber: row.nextNumber,
    createdAt: row.createdAt.toISOString(),
  };
}

export type RegistersServiceDeps = {
  db: Db;
  registersRepo: RegistersRepo;
  orgs: Pick<OrgsDirectory, 'findById'>;
  audit: Pick<AuditService, 'record'>;
};

/** Registers (sổ văn bản) and the gapless yearly numbering of documents (Decree 30, Art. 15 and 22). */
export function createRegistersService({ db, registersRepo, orgs, audit }: RegistersServiceDeps) {
  async function loadOrg(dbx: DbOrTx, id: string) {
    const org = await orgs.findById(dbx, id);
    if (!org) throw new AppError('NOT_FOUND', { message: 'organization not found' });
    return org;
  }

  /** The register for a document, creating the default one (or the secret series) on first use. */
  async function registerFor(tx: Tx, input: AllocateNumberInput): Promise<RegisterRow> {
    const found = await registersRepo.findMatching(tx, input);
    if (found) return found;

    const secret = input.confidentiality !== 'normal';
    // Concurrent first registrations of the year race here: ON CONFLICT DO NOTHING waits for the
    // other inserter and then yields, and the lookup below (a new statement) sees its row.
    await registersRepo.insertIfAbsent(tx, {
      organizationId: input.organizationId,
      direction: input.direction,
      year: input.year,
      name: secret ? 'Sổ văn bản mật' : `${DEFAULT_NAMES[input.direction]} ${input.year}`,
      typeNames: null,
      confidentialities: secret ? SECRET_LEVELS : null,
    });
    const created = await registersRepo.findMatching(tx, input);
    if (!created) {
      // A register of that name exists but an administrator restricted it so it no longer fits.
      throw new AppError('INVALID_STATE', {
        message: `no register of ${input.year} accepts this document; create one for its type or level`,
      });
    }
    return created;
  }

  return {
    /**
     * Takes the next number for a document inside the caller's transaction: chooses the matching
     * register (see RegistersRepo.findMatching), creating "Sổ văn bản đến <year>" (or "Sổ văn bản
     * mật" for secret documents) on first use, then increments it under a row lock. Gapless and
     * unique under any concurrency; a rolled-back transaction burns no number.
     * @throws AppError INVALID_STATE when an existing register blocks the default one.
     */
    async allocateNumber(tx: Tx, input: AllocateNumberInput): Promise<AllocatedNumber> {
      const register = await registerFor(tx, input);
      const number = await registersRepo.takeNumber(tx, register.id);
      return { registerId: register.id, registerName: register.name, number };
    },

    /**
     * Part of a reorganisation that creates a new unit (orgs/reorganisation.service.ts, in its
     * transaction). Decree 30/2020 numbers documents per organisation and calendar year, from 01 on
     * 1 January: a new organisation is a new numbering, so its registers start at 1 on the day it
     * begins, with the same set of registers (names, types, secret series) its predecessors kept this
     * year, and at least the default incoming and outgoing ones. The predecessors' registers are
     * closed with them and keep the numbers they gave. (A unit that absorbs others keeps its own
     * registers and numbering: it is the same organisation, and nothing here is called for it.)
     * @returns the registers created.
     */
    async openSuccessorRegisters(
      tx: Tx,
      { fromIds, toId, year }: { fromIds: string[]; toId: string; year: number },
    ): Promise<RegisterDto[]> {
      const inherited = (await Promise.all(fromIds.map((organizationId) => registersRepo.list(tx, { organizationId, year })))).flat();
      const defaults = (['incoming', 'outgoing'] as const).map((direction) => ({
        direction,
        name: `${DEFAULT_NAMES[direction]} ${year}`,
        typeNames: null,
        confidentialities: null,
      }));
      const created: RegisterDto[] = [];
      for (const r of [...inherited, ...defaults]) {
        const row = await registersRepo.insertIfAbsent(tx, {
          organizationId: toId,
          direction: r.direction,
          year,
          name: r.name,
          typeNames: r.typeNames,
          confidentialities: r.confidentialities,
        });
        if (row) created.push(toRegisterDto(row));
      }
      return created;
    },

    /** Registers of an organisation (its admins, clerks and leaders over it). @throws AppError NOT_FOUND, FORBIDDEN */
    async list(p: Principal, q: RegisterListQuery): Promise<RegisterDto[]> {
      const org = await loadOrg(db, q.organizationId);
      const allowed = hasRoleOver(p, 'admin', org.path) || hasRoleOver(p, 'clerk', org.path) || hasRoleOver(p, 'leader', org.path);
      if (!allowed) throw new AppError('FORBIDDEN', { message: 'you may not see the registers of this organization' });
      return (await registersRepo.list(db, q)).map(toRegisterDto);
    },

    /** Creates a register (admin over the organisation or its clerk). @throws AppError NOT_FOUND, FORBIDDEN, CONFLICT */
    async create(p: Principal, input: CreateRegisterBody): Promise<RegisterDto> {
      return db.transaction(async (tx) => {
        const org = await loadOrg(tx, input.organizationId);
        if (!hasRoleOver(p, 'admin', org.path) && !hasRoleOver(p, 'clerk', org.path)) {
          throw new AppError('FORBIDDEN', { message: 'only an administrator or a clerk of the organization may create its registers' });
        }
        const row = await registersRepo.insertIfAbsent(tx, {
          organizationId: org.id,
          direction: input.direction,
          year: input.year,
          name: input.name,
          typeNames: input.typeNames ?? null,
          confidentialities: input.confidentialities ?? null,
        });
        if (!row) throw new AppError('CONFLICT', { message: `a register named "${input.name}" already exists for ${input.year}` });
        await audit.record(tx, {
          actorId: p.id,
          organizationId: org.id,
          action: 'register.create',
          subjectType: 'register',
          subjectId: row.id,
          details: {
            name: row.name,
            direction: row.direction,
            year: row.year,
            typeNames: row.typeNames,
            confidentialities: row.confidentialities,
          },
        });
        return toRegisterDto(row);
      });
    },
  };
}

export type RegistersService = ReturnType<typeof createRegistersService>;
