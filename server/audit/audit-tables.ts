import type { Generated } from 'kysely';

/** Kysely types of migration 0006's audit tables. */
export interface AuditLogTable {
  id: Generated<number>;
  seq: number;
  at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  source_address: string | null;
  request_id: string | null;
  action: string;
  object_type: string | null;
  object_ids: string[];
  purpose: string | null;
  reason: string | null;
  outcome: AuditOutcome;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditChainHeadTable {
  one: boolean;
  seq: number;
  hash: string;
}

export type AuditTables = {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
};
