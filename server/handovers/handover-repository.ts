import { sql, type Kysely, type Selectable } from 'kysely';
import type { UserRow } from '../auth/account-repository.js';
import type { AccountTables } from '../auth/account-tables.js';
import type { Database } from '../db/schema.js';
import type { HandoverStatus, HandoverTable, HandoverTables } from './handover-tables.js';

/** All SQL for handovers and what they change on beats. Takes a Kysely instance or a transaction; never throws HTTP errors. */
type HandoverDb = Kysely<Database & AccountTables & HandoverTables>;
const handoverDb = (db: Kysely<Database>): HandoverDb => db.withTables<AccountTables & HandoverTables>();

export type HandoverRow = Selectable<HandoverTable>;

export interface NewHandover {
  beatIds: number[];
  fromUserId: number | null;
  toUserId: number;
  note: string;
  dueAt: Date | null;
  openedBy: number | null;
  openedAt: Date;
}

export function insertHandover(db: Kysely<Database>, handover: NewHandover): Promise<HandoverRow> {
  return handoverDb(db).insertInto('handovers').values({
    beat_ids: handover.beatIds, from_user_id: handover.fromUserId, to_user_id: handover.toUserId, status: 'open',
    note: handover.note, due_at: handover.dueAt?.toISOString() ?? null, opened_by: handover.openedBy,
    opened_at: handover.openedAt.toISOString(), closed_by: null, closed_at: null, close_reason: null,
  }).returningAll().executeTakeFirstOrThrow();
}

export function findHandover(db: Kysely<Database>, id: number, lock = false): Promise<HandoverRow | undefined> {
  const query = handoverDb(db).selectFrom('handovers').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Newest first. */
export function listHandovers(db: Kysely<Database>, filter: { status?: HandoverStatus; limit: number }): Promise<HandoverRow[]> {
  let query = handoverDb(db).selectFrom('handovers').selectAll();
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Open handovers that share a beat with `beatIds`, other than `exceptId`. */
export function openHandoversOverlapping(db: Kysely<Database>, beatIds: readonly number[], exceptId: number | null = null): Promise<{ id: number; beat_ids: number[] }[]> {
  // sql, not the builder: Kysely turns an array operand into a value list, not an array.
  let query = handoverDb(db).selectFrom('handovers').select(['id', 'beat_ids'])
    .where('status', '=', 'open').where(sql<boolean>`beat_ids && ${[...beatIds]}::integer[]`);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  return query.orderBy('id').execute();
}

/** Beats still given to `userId` by open handovers other than `exceptId`. */
export async function openHandoverBeatsOf(db: Kysely<Database>, userId: number, exceptId: number): Promise<number[]> {
  const rows = await handoverDb(db).selectFrom('handovers').select('beat_ids')
    .where('status', '=', 'open').where('to_user_id', '=', userId).where('id', '<>', exceptId).execute();
  return rows.flatMap((row) => row.beat_ids);
}

export async function closeHandover(db: Kysely<Database>, id: number, close: {
  status: Exclude<HandoverStatus, 'open'>; closedBy: number | null; closedAt: Date; reason: string;
}): Promise<HandoverRow> {
  return handoverDb(db).updateTable('handovers')
    .set({ status: close.status, closed_by: close.closedBy, closed_at: close.closedAt.toISOString(), close_reason: close.reason })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Lock the users, in id order (the same order in every handover step, so two steps that share users
 * wait for each other instead of deadlocking), and return the ones that exist.
 */
export function lockUsers(db: Kysely<Database>, ids: readonly number[]): Promise<UserRow[]> {
  return handoverDb(db).selectFrom('users').selectAll().where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
}

/**
 * Lock the beats, in id order, and return the ones that exist. Every step that changes who holds a
 * beat takes this lock first, so two requests cannot both find a beat free of open handovers.
 */
export function lockBeats(db: Kysely<Database>, ids: readonly number[]): Promise<{ id: number; station_id: number }[]> {
  return db.selectFrom('beats').select(['id', 'station_id']).where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
}

/** The recipient becomes the officer of record (责任民警). The badge on the beat was the outgoing officer's; accounts carry none. */
export async function setOfficerOfRecord(db: Kysely<Database>, beatIds: readonly number[], officerName: string): Promise<void> {
  await db.updateTable('beats').set({ officer_name: officerName, officer_badge: null }).where('id', 'in', [...beatIds]).execute();
}
