import { Type, type Static } from '@sinclair/typebox';
import { HANDOVER_STATUSES } from './handover-tables.js';
import { MAX_HANDOVER_BEATS } from './handover-rules.js';

const UserId = Type.Integer({ minimum: 1 });
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.Integer> | ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const HandoverStatus = Type.Union(HANDOVER_STATUSES.map((s) => Type.Literal(s)));

/** Longest reason kept (the audit log keeps 500 characters of free text). */
const Reason = Type.String({ minLength: 1, maxLength: 500, description: 'why; kept in the audit log' });

export const Handover = Type.Object({
  id: Type.Integer(),
  beatIds: Type.Array(Type.Integer()),
  fromUserId: Nullable(UserId),
  toUserId: UserId,
  status: HandoverStatus,
  reason: Nullable(Type.String({ description: 'why it was opened' })),
  dueAt: Nullable(Timestamp),
  openedBy: Nullable(UserId),
  openedAt: Timestamp,
  closedBy: Nullable(UserId),
  closedAt: Nullable(Timestamp),
  closeReason: Nullable(Type.String({ description: 'why it was completed or cancelled' })),
});

export const HandoverList = Type.Object({ items: Type.Array(Handover) });

export const HandoverListQuery = Type.Object({
  status: Type.Optional(HandoverStatus),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: '1–500, default 100' })),
}, { additionalProperties: false });

export const StartHandoverBody = Type.Object({
  toUserId: Type.Integer({ minimum: 1, description: 'the recipient: a community officer or handover officer of the beats\' station' }),
  fromUserId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'the outgoing officer, who must hold every beat; omit when nobody does' })),
  beatIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: MAX_HANDOVER_BEATS, uniqueItems: true }),
  dueAt: Type.Optional(Type.Union([Type.String({ format: 'date-time', description: 'when it should be completed (in the future)' }), Type.Null()])),
  reason: Reason,
}, { additionalProperties: false });
export type StartHandoverBody = Static<typeof StartHandoverBody>;

export const CloseHandoverBody = Type.Object({ reason: Reason }, { additionalProperties: false });

export const HandoverIdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'handover id' }) });
