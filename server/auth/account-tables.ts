import type { Generated } from 'kysely';

/** Kysely types of migration 0006's account tables. Timestamps come back as ISO-8601 strings (db/connect.ts). */
export const ROLES = ['community_officer', 'handover_officer', 'commander', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must have a second factor before a session is of any use. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['commander', 'admin'];

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  station_id: number | null;
  beat_ids: Generated<number[]>;
  handover_beat_ids: Generated<number[]>;
  demo: Generated<boolean>;
  disabled_at: string | null;
  locked_at: string | null;
  failures_cleared_at: string | null;
  totp_secret: Buffer | null;
  totp_pending_secret: Buffer | null;
  totp_last_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface LoginFailureTable {
  id: Generated<number>;
  user_id: number;
  at: string;
  source_address: string | null;
}

export type SessionStage = 'full' | 'totp_enrolment';

export interface SessionTable {
  id: Generated<number>;
  token_hash: Buffer;
  user_id: number;
  stage: SessionStage;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  source_address: string | null;
  user_agent: string | null;
}

export type AccountTables = {
  users: UserTable;
  login_failures: LoginFailureTable;
  sessions: SessionTable;
};
