import type { Generated } from 'kysely';

/** Kysely types of migration 0008's `handovers`. Timestamps come back as ISO-8601 strings (db/connect.ts). */
export const HANDOVER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export interface HandoverTable {
  id: Generated<number>;
  beat_ids: number[];
  /** The outgoing officer; null when none was named, or the account is gone. */
  from_user_id: number | null;
  to_user_id: number;
  status: Generated<HandoverStatus>;
  /** Why it was opened: the reason given at the start. */
  note: string | null;
  due_at: string | null;
  opened_by: number | null;
  opened_at: string;
  closed_by: number | null;
  closed_at: string | null;
  close_reason: string | null;
}

export type HandoverTables = {
  handovers: HandoverTable;
};
