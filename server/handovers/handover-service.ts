import type { Kysely } from 'kysely';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { updateUser, type UserRow } from '../auth/account-repository.js';
import type { Database } from '../db/schema.js';
import { badRequest, HttpError, notFound } from '../http/errors.js';
import {
  closeHandover, findHandover, insertHandover, lockBeats, lockUsers, openHandoverBeatsOf, openHandoversOverlapping,
  setOfficerOfRecord, type HandoverRow,
} from './handover-repository.js';
import { beatsProblem, openConflict, outgoingProblem, recipientProblem, roleAfterCompletion, withBeats, withoutBeats } from './handover-rules.js';

/**
 * The three steps of a handover. Each runs every check and every change in ONE transaction, with
 * its audit row last: a refused check, a failed write or a failed audit append leaves nothing
 * behind. Users and beats are locked before they are checked, so what was checked is what is changed.
 */
export interface HandoverContext {
  actor: AuditActor;
  now: Date;
  /** Called inside the transaction with the users whose jurisdiction changed (drop their cached sessions). */
  onUsersChanged?: (userIds: number[]) => void;
}

export interface StartHandover {
  toUserId: number;
  fromUserId: number | null;
  beatIds: number[];
  dueAt: string | null;
  reason: string;
}

export async function startHandover(db: Kysely<Database>, input: StartHandover, ctx: HandoverContext): Promise<HandoverRow> {
  const reason = checkReason(input.reason);
  const dueAt = input.dueAt === null ? null : new Date(input.dueAt);
  if (dueAt !== null && !(dueAt.getTime() > ctx.now.getTime())) throw badRequest('dueAt', `must be in the future (now is ${ctx.now.toISOString()})`);
  if (input.fromUserId === input.toUserId) throw badRequest('fromUserId', 'the outgoing officer cannot also be the recipient');

  return db.transaction().execute(async (trx) => {
    const users = await lockUsers(trx, input.fromUserId === null ? [input.toUserId] : [input.toUserId, input.fromUserId]);
    const recipient = users.find((u) => u.id === input.toUserId);
    if (!recipient) throw badRequest('toUserId', `no user with id ${input.toUserId}`);
    refuseIf('toUserId', recipientProblem(recipient));
    const beats = await lockBeats(trx, input.beatIds);
    refuseIf('beatIds', beatsProblem(input.beatIds, beats, recipient));
    let outgoing: UserRow | null = null;
    if (input.fromUserId !== null) {
      outgoing = users.find((u) => u.id === input.fromUserId) ?? null;
      if (!outgoing) throw badRequest('fromUserId', `no user with id ${input.fromUserId}`);
      refuseIf('fromUserId', outgoingProblem(outgoing, input.beatIds));
    }
    const conflict = openConflict(input.beatIds, await openHandoversOverlapping(trx, input.beatIds));
    if (conflict) throw new HttpError(409, 'conflict', `beatIds: beat ${conflict.beatId} is already in open handover ${conflict.handoverId}`, 'beatIds');

    const handover = await insertHandover(trx, {
      beatIds: input.beatIds, fromUserId: input.fromUserId, toUserId: recipient.id, note: reason, dueAt,
      openedBy: ctx.actor.user?.id ?? null, openedAt: ctx.now,
    });
    await updateUser(trx, recipient.id, { handover_beat_ids: withBeats(recipient.handover_beat_ids, input.beatIds) }, ctx.now);
    ctx.onUsersChanged?.([recipient.id]);
    await appendAudit(trx, ctx.actor, {
      action: 'handover.start', outcome: 'success', objectType: 'handover', objectIds: [handover.id, recipient.id], reason, at: ctx.now,
      detail: `beats [${input.beatIds.join(',')}] from ${who(outgoing)} to ${who(recipient)}${dueAt ? `, due ${dueAt.toISOString()}` : ''}`,
    });
    return handover;
  });
}

export async function completeHandover(db: Kysely<Database>, id: number, givenReason: string, ctx: HandoverContext): Promise<HandoverRow> {
  const reason = checkReason(givenReason);
  return db.transaction().execute(async (trx) => {
    const handover = await openHandover(trx, id, 'completed');
    const users = await lockUsers(trx, handover.from_user_id === null ? [handover.to_user_id] : [handover.to_user_id, handover.from_user_id]);
    const recipient = users.find((u) => u.id === handover.to_user_id)!; // the foreign key keeps it
    const problem = recipientProblem(recipient);
    if (problem) throw new HttpError(409, 'conflict', `toUserId: ${problem}; cancel this handover and open another`, 'toUserId');
    await lockBeats(trx, handover.beat_ids);
    const outgoing = users.find((u) => u.id === handover.from_user_id) ?? null;

    const role = roleAfterCompletion(recipient.role);
    await updateUser(trx, recipient.id, {
      beat_ids: withBeats(recipient.beat_ids, handover.beat_ids),
      handover_beat_ids: withoutBeats(recipient.handover_beat_ids, handover.beat_ids),
      role,
    }, ctx.now);
    if (outgoing) await updateUser(trx, outgoing.id, { beat_ids: withoutBeats(outgoing.beat_ids, handover.beat_ids) }, ctx.now);
    await setOfficerOfRecord(trx, handover.beat_ids, recipient.display_name);
    const closed = await closeHandover(trx, id, { status: 'completed', closedBy: ctx.actor.user?.id ?? null, closedAt: ctx.now, reason });
    ctx.onUsersChanged?.(outgoing ? [recipient.id, outgoing.id] : [recipient.id]);
    await appendAudit(trx, ctx.actor, {
      action: 'handover.complete', outcome: 'success', objectType: 'handover', objectIds: [id, recipient.id], reason, at: ctx.now,
      detail: `beats [${handover.beat_ids.join(',')}] from ${who(outgoing, handover.from_user_id)} to ${who(recipient)}`
        + `${role !== recipient.role ? `; role ${recipient.role} → ${role}` : ''}; officer of record "${recipient.display_name}"`,
    });
    return closed;
  });
}

export async function cancelHandover(db: Kysely<Database>, id: number, givenReason: string, ctx: HandoverContext): Promise<HandoverRow> {
  const reason = checkReason(givenReason);
  return db.transaction().execute(async (trx) => {
    const handover = await openHandover(trx, id, 'cancelled');
    const [recipient] = await lockUsers(trx, [handover.to_user_id]);
    // A beat another open handover still gives the recipient stays readable to them.
    const stillGiven = await openHandoverBeatsOf(trx, handover.to_user_id, id);
    const withdrawn = handover.beat_ids.filter((beatId) => !stillGiven.includes(beatId));
    await updateUser(trx, recipient!.id, { handover_beat_ids: withoutBeats(recipient!.handover_beat_ids, withdrawn) }, ctx.now);
    const closed = await closeHandover(trx, id, { status: 'cancelled', closedBy: ctx.actor.user?.id ?? null, closedAt: ctx.now, reason });
    ctx.onUsersChanged?.([recipient!.id]);
    await appendAudit(trx, ctx.actor, {
      action: 'handover.cancel', outcome: 'success', objectType: 'handover', objectIds: [id, recipient!.id], reason, at: ctx.now,
      detail: `beats [${handover.beat_ids.join(',')}] withdrawn from ${who(recipient!)}`
        + `${handover.from_user_id === null ? '' : `; they stay with ${who(null, handover.from_user_id)}`}`,
    });
    return closed;
  });
}

/** The handover, locked, if it exists and is open: 404 or 409 otherwise. */
async function openHandover(trx: Kysely<Database>, id: number, step: 'completed' | 'cancelled'): Promise<HandoverRow> {
  const handover = await findHandover(trx, id, true);
  if (!handover) throw notFound(`no handover with id ${id}`);
  if (handover.status !== 'open') throw new HttpError(409, 'conflict', `id: handover ${id} is ${handover.status}; only an open handover can be ${step}`, 'id');
  return handover;
}

/** A reason of spaces says nothing: the audit log needs one a reader can follow. */
function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw badRequest('reason', 'must say why (it is kept in the audit log)');
  return trimmed;
}

function refuseIf(field: string, problem: string | null): void {
  if (problem !== null) throw badRequest(field, problem);
}

function who(user: Pick<UserRow, 'id' | 'username'> | null, fallbackId: number | null = null): string {
  if (user) return `user ${user.id} (${user.username})`;
  return fallbackId === null ? 'no outgoing officer' : `user ${fallbackId}`;
}
