import { Type, type Static } from 'typebox';
import { DELIVERY_EVENTS } from '../../db/schema/index.js';
import { Nullable, Page, PageQuery, Uuid, WholeList } from '../../lib/schemas.js';

export const DispatchBody = Type.Object(
  {
    recipients: Type.Optional(
      Type.Array(
        Type.Union([
          Type.Object({ organizationId: Uuid }, { additionalProperties: false }),
          Type.Object(
            {
              organId: Type.String({ minLength: 1, maxLength: 100, description: 'mã định danh of a remote recipient' }),
              name: Type.String({ minLength: 1, maxLength: 300 }),
              peerId: Type.Optional(Uuid),
            },
            { additionalProperties: false },
          ),
        ]),
        { maxItems: 10_000 },
      ),
    ),
    replaces: Type.Optional(
      Type.Object(
        { documentId: Uuid, reason: Type.Optional(Type.String({ maxLength: 2000 })) },
        {
          additionalProperties: false,
          description:
            'this document replaces an earlier one (BussinessDocType 3): sent to its recipients too, whose copies get a replace notice',
        },
      ),
    ),
    selector: Type.Optional(
      Type.Object(
        {
          underOrganizationId: Uuid,
          level: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 50,
              description: "only units whose level label is exactly this (commune is xã only: a city's units are ward); not with tier",
            }),
          ),
          tier: Type.Optional(
            Type.Union([Type.Literal('commune')], {
              description:
                'only units of this administrative tier whatever their kind: commune = xã, phường, thị trấn, đặc khu (levels commune, ward, township, special_zone); not with level',
            }),
          ),
        },
        {
          additionalProperties: false,
          description:
            'every current unit under underOrganizationId (not itself, not the sender), narrowed by level or tier; a selector that reaches no unit is refused (400 VALIDATION_FAILED naming it)',
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    description:
      'A secret document (confidentiality other than normal) reaches only recipients of this deployment: any remote recipient refuses the whole dispatch (409 SECRET_DOCUMENT_NOT_EXCHANGEABLE, details.remoteRecipients).',
  },
);
export type DispatchBody = Static<typeof DispatchBody>;

export const DispatchResultDto = Type.Object({
  documentId: Uuid,
  internal: Type.Integer(),
  remote: Type.Integer(),
  edxmlDocumentId: Type.String(),
});

export const DeliveryDto = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('internal'), Type.Literal('remote')]),
  recipientOrganizationId: Nullable(Uuid),
  recipientOrganId: Nullable(Type.String()),
  recipientName: Type.String(),
  state: Type.String({
    description: 'pending | delivered | dead (dead-letter list) | recalled (recalled before it reached the recipient: never delivered)',
  }),
  statusCode: Nullable(
    Type.String({
      description:
        'current edXML status: 01 arrived, 02 refused, 03 registered, 04 assigned, 05 in progress, 06 done; never goes back to an earlier step (02 and 03 are one step) when statuses arrive out of order',
    }),
  ),
  statusLabel: Nullable(
    Type.String({
      description: "the current status's Vietnamese name (Đã đến, Từ chối tiếp nhận, Đã tiếp nhận, Phân công, Đang xử lý, Hoàn thành)",
    }),
  ),
  statusDescription: Nullable(Type.String({ description: "the recipient's own words with the status (a refusal's reason)" })),
  statusAt: Nullable(Type.String({ format: 'date-time' })),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  recipientDocumentId: Nullable(Uuid),
  recallState: Nullable(Type.String({ description: 'recall (13): requested | agreed (15: the copy is withdrawn) | refused (16)' })),
  recallReason: Nullable(Type.String()),
  noticeKind: Nullable(
    Type.Union([Type.Literal('update'), Type.Literal('replace')], {
      description: 'the latest update or replace notice (its own state, apart from a recall)',
    }),
  ),
  noticeState: Nullable(Type.String({ description: 'requested | agreed (15) | refused (16)' })),
  noticeReason: Nullable(Type.String()),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  axis: Nullable(
    Type.Object(
      {
        docId: Type.String({ description: 'the DocId sendEdoc answered for the package carrying the document' }),
        receiverDocId: Nullable(Type.String({ description: "the recipient's id of its copy at the axis" })),
        sendStatus: Nullable(Type.String()),
        receiveStatus: Nullable(
          Type.String({
            description:
              "the recipient's copy at the axis, in the axis's words (e.g. initial: not fetched yet; done: the recipient's software took it; fail: it refused it); null until the axis reports it",
          }),
        ),
        receiveStatusDescription: Nullable(Type.String()),
        receivedTime: Nullable(Type.String({ description: 'when the recipient took it, as the axis gives it (its clock and format)' })),
        checkedAt: Nullable(
          Type.String({ format: 'date-time', description: 'when this deployment last asked the axis (getSentEdocList)' }),
        ),
      },
      { description: 'sent through the national axis: its transport state per recipient, polled by the connector; null otherwise' },
    ),
  ),
  history: Type.Array(
    Type.Object({
      event: Type.Enum([...DELIVERY_EVENTS], {
        description:
          "status (a recipient's status), recall-requested (13), update-requested, replace-requested, recall-answered / update-answered / replace-answered (15, 16), withdrawn (recalled before it arrived), sent (businessType: 0 new, 1 recall, 2 update, 3 replacement), dead-lettered, replayed",
      }),
      code: Type.Optional(
        Type.String({ description: 'a national status code (01…06, 13, 15, 16, or one a peer sent), never an internal marker' }),
      ),
      businessType: Type.Optional(Type.Integer()),
      answer: Type.Optional(Type.Union([Type.Literal('agreed'), Type.Literal('refused')])),
      label: Type.String({ description: 'what it means, in Vietnamese' }),
      at: Type.String({ description: 'when it was recorded here (entries are in arrival order)' }),
      description: Type.Optional(Nullable(Type.String())),
      statedAt: Type.Optional(Nullable(Type.String({ description: "a peer's status package: the time the package gives" }))),
    }),
  ),
});

export const DeliveryList = WholeList(DeliveryDto);
export const DeadLetterPage = Page(DeliveryDto);
export const DeadLetterQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: PageQuery.cursor,
});

export const RecallBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const RecallResult = Type.Object({ documentId: Uuid, recipients: Type.Integer() });
export const RecallAnswerBody = Type.Object(
  {
    accept: Type.Boolean(),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    businessType: Type.Optional(
      Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)], {
        description:
          'what is answered: 1 the recall, 2 the update notice, 3 the replace notice (default: the pending recall, else the pending notice)',
      }),
    ),
  },
  { additionalProperties: false },
);
export const RecallAnswerResult = Type.Object({
  documentId: Uuid,
  businessType: Type.Integer({ description: '1 recall, 2 update, 3 replace' }),
  answer: Type.Union([Type.Literal('agreed'), Type.Literal('refused')]),
  statusCode: Type.String(),
});

export const RecallDto = Type.Object({
  documentId: Uuid,
  businessType: Type.Integer({ description: '1 recall, 2 update, 3 replace' }),
  reason: Nullable(Type.String()),
  answer: Nullable(Type.Union([Type.Literal('agreed'), Type.Literal('refused')])),
  answerReason: Nullable(Type.String()),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  pending: Type.Array(Type.Union([Type.Literal('recall'), Type.Literal('update'), Type.Literal('replace')]), {
    description: 'every request awaiting the answer of this copy (a recall and a notice can both be)',
  }),
});
