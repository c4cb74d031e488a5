import { Type, type Static } from 'typebox';
import { Nullable, Page, Uuid, WholeList } from '../../lib/schemas.js';

export const CreatePeerBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    organId: Type.String({ minLength: 1, maxLength: 100, description: 'mã định danh of the remote system or agency' }),
    agencyCodes: Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '^(\\*\\.)?[0-9A-Za-z][0-9A-Za-z._-]*$' }), {
      minItems: 1,
      maxItems: 10_000,
      description:
        'the agencies the peer may speak for (From of its packages): exact mã định danh, or `*.<suffix>` for every code of a level-1 body (`*.H42`); never a unit of this deployment',
    }),
    baseUrl: Type.Optional(
      Nullable(
        Type.String({ format: 'uri', maxLength: 500, description: 'packages for the peer go to <baseUrl>/api/v1/exchange/inbound' }),
      ),
    ),
    remotePeerId: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          maxLength: 100,
          description: 'the id under which the peer knows this deployment (required with baseUrl)',
        }),
      ),
    ),
    secret: Type.Optional(
      Type.String({ minLength: 32, maxLength: 200, description: 'shared secret agreed with the peer; generated when absent' }),
    ),
  },
  { additionalProperties: false },
);
export type CreatePeerBody = Static<typeof CreatePeerBody>;

export const PeerDto = Type.Object({
  id: Uuid,
  name: Type.String(),
  organId: Type.String(),
  baseUrl: Nullable(Type.String()),
  remotePeerId: Nullable(Type.String()),
  agencyCodes: Type.Array(Type.String()),
  active: Type.Boolean(),
  transport: Type.Union([Type.Literal('vanthu'), Type.Literal('axis')], {
    description:
      'vanthu: our signed HTTP; axis: the national axis connector (AXIS_ENDPOINT), reaching every code neither ours nor a direct peer’s',
  }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type PeerDto = Static<typeof PeerDto>;

export const CreatedPeerDto = Type.Object({
  peer: PeerDto,
  secret: Type.String({ description: 'the shared HMAC secret; shown only in this answer' }),
});
export type CreatedPeerDto = Static<typeof CreatedPeerDto>;

export const PeerList = WholeList(PeerDto);

export const InboundReceipt = Type.Object({
  receiptId: Uuid,
  status: Type.Union([Type.Literal('accepted'), Type.Literal('processed'), Type.Literal('failed')]),
});
export type InboundReceipt = Static<typeof InboundReceipt>;

const AxisPollerState = Type.Object({
  leader: Type.Boolean(),
  lastPollAt: Nullable(Type.String()),
  lastSuccessAt: Nullable(Type.String()),
  backlog: Type.Object({ edoc: Type.Integer(), status: Type.Integer() }, { description: 'items the axis listed at the last poll' }),
  polls: Type.Integer(),
  received: Type.Integer(),
  refused: Type.Integer(),
  failures: Type.Integer(),
  lastError: Nullable(Type.Object({ at: Type.String(), message: Type.String(), docId: Type.Optional(Type.String()) })),
});

export const AxisStatusDto = Type.Union([
  Type.Object({ enabled: Type.Literal(false) }),
  Type.Object({
    enabled: Type.Literal(true),
    endpoint: Type.String(),
    systemId: Type.String(),
    agencyCodes: Nullable(Type.Array(Type.String())),
    pollIntervalMs: Type.Integer(),
    poller: Type.Union([AxisPollerState, Type.Null()], {
      description: 'the polling worker’s state after its last poll (null: none yet, or Redis lost it)',
    }),
    received: Type.Object({
      total: Type.Integer(),
      refused: Type.Integer(),
      unacknowledged: Type.Integer(),
      lastAt: Nullable(Type.String()),
    }),
    deliveries: Type.Record(Type.String(), Type.Integer(), { description: 'deliveries through the axis by state' }),
    statuses: Type.Record(Type.String(), Type.Integer(), { description: 'status packages owed through the axis by state' }),
  }),
]);
export type AxisStatusDto = Static<typeof AxisStatusDto>;

export const AgencyQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'words of the name or code, any order, with or without diacritics' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const AgencyDto = Type.Object({
  code: Type.String({ description: 'mã định danh: what a dispatch names as organId' }),
  name: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  parentName: Type.Union([Type.String(), Type.Null()]),
  mail: Type.Union([Type.String(), Type.Null()]),
});
export const AgencyPage = Page(AgencyDto);
export const AgencySyncResult = Type.Object({
  mode: Type.Union([Type.Literal('full'), Type.Literal('incremental')], {
    description:
      'full: getAgenciesList and getSynchronizeUnit; incremental: the units getSynchronizeUnit reports changed since the last sync',
  }),
  listed: Type.Integer({ description: 'agencies the axis listed (or reported deleted)' }),
  inserted: Type.Integer(),
  updated: Type.Integer({ description: 'renamed, moved, or (re)activated / deactivated by getSynchronizeUnit' }),
  deactivated: Type.Integer({ description: 'no longer listed: kept, inactive' }),
});
export const RegisterAgencyBody = Type.Object({ organizationId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const RegisteredAgency = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
});
