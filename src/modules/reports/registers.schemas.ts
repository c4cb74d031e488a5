import { Type, type Static, type TSchema } from 'typebox';
import { IsoDate, Nullable, Uuid } from '../../lib/schemas.js';
import { REGISTER_KINDS } from '../../db/schema/index.js';

export const RegisterKindSchema = Type.Union(
  [Type.Literal(REGISTER_KINDS[0]), Type.Literal(REGISTER_KINDS[1]), Type.Literal(REGISTER_KINDS[2])],
  {
    description:
      'incoming: Sổ đăng ký văn bản đến; outgoing: Sổ đăng ký văn bản đi; incoming-tracking: Sổ theo dõi giải quyết văn bản đến (Decree 30/2020, Phụ lục IV)',
  },
);

export const RegisterQuery = Type.Object({
  organizationId: Uuid,
  from: IsoDate,
  to: IsoDate,
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')], {
      description: 'json (default, one page of rows); xlsx or pdf: the whole register as an attachment',
    }),
  ),
  registerId: Type.Optional(Uuid),
  cursor: Type.Optional(Type.String({ maxLength: 4096, description: 'json: nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'json: rows per page (default 200)' })),
});
export type RegisterQuery = Static<typeof RegisterQuery>;

const Text = Nullable(Type.String());
const Day = Nullable(IsoDate);
const Acknowledgement = Type.Object({
  by: Type.String({ description: 'who acknowledged (the lead holder; for outgoing, the recipient)' }),
  at: Type.String({ format: 'date-time' }),
});

const row = <T extends Record<string, TSchema>>(fields: T) => Type.Object({ documentId: Uuid, ...fields });

/** Rows of each register: one field per Phụ lục IV column (`columns` gives the official headings). */
const ROW_SCHEMAS = {
  incoming: row({
    ngayDen: Day,
    soDen: Nullable(Type.Integer()),
    tacGia: Text,
    soKyHieu: Text,
    ngayThangVanBan: Day,
    tenLoaiTrichYeu: Text,
    donViNguoiNhan: Text,
    ngayChuyen: Day,
    kyNhan: Nullable(Acknowledgement),
    ghiChu: Text,
  }),
  outgoing: row({
    soKyHieu: Text,
    ngayThangVanBan: Day,
    tenLoaiTrichYeu: Text,
    nguoiKy: Text,
    noiNhan: Text,
    donViLuuBan: Text,
    soLuongBan: Type.Integer({ minimum: 0 }),
    ngayChuyen: Day,
    kyNhan: Type.Array(Acknowledgement),
    ghiChu: Text,
  }),
  'incoming-tracking': row({
    soDen: Nullable(Type.Integer()),
    vanBan: Text,
    donViNguoiNhan: Text,
    thoiHan: Day,
    tienDo: Text,
    vanBanTraLoi: Text,
    ghiChu: Text,
  }),
};

export type IncomingRowDto = Static<(typeof ROW_SCHEMAS)['incoming']>;
export type OutgoingRowDto = Static<(typeof ROW_SCHEMAS)['outgoing']>;
export type TrackingRowDto = Static<(typeof ROW_SCHEMAS)['incoming-tracking']>;
export type RegisterRowDto = IncomingRowDto | OutgoingRowDto | TrackingRowDto;

export const registerDto = (kind: keyof typeof ROW_SCHEMAS) =>
  Type.Object({
    organization: Type.Object({ id: Uuid, name: Type.String() }),
    register: RegisterKindSchema,
    title: Type.String(),
    from: IsoDate,
    to: IsoDate,
    columns: Type.Array(Type.Object({ key: Type.String(), title: Type.String() })),
    rows: Type.Array(ROW_SCHEMAS[kind]),
    nextCursor: Nullable(Type.String()),
  });

export const ClosingBody = Type.Object({ organizationId: Uuid, from: IsoDate, to: IsoDate });
export type ClosingBody = Static<typeof ClosingBody>;

export const ClosingsQuery = Type.Object({ organizationId: Uuid, register: Type.Optional(RegisterKindSchema) });

export const RegisterClosingDto = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  register: RegisterKindSchema,
  from: IsoDate,
  to: IsoDate,
  rowCount: Type.Integer({ minimum: 0 }),
  fileName: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  sha256: Type.String(),
  certificateId: Uuid,
  closedBy: Type.Object({ id: Uuid, fullName: Nullable(Type.String()) }),
  closedAt: Type.String({ format: 'date-time' }),
});
export type RegisterClosingDto = Static<typeof RegisterClosingDto>;
