import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import {
  findSession, findUserByName, insertSession, recordFailure, revokeSession, touchSession, updateUser, type UserRow,
} from './account-repository.js';
import { TOTP_REQUIRED_ROLES, type SessionStage } from './account-tables.js';
import { TOUCH_INTERVAL_MS, type AuthSettings } from './auth-settings.js';
import { verifyDummy, verifyPassword } from './password.js';
import { newSessionToken, tokenHash } from './session-token.js';
import { verifyTotp } from './totp.js';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export interface RequestOrigin {
  sourceAddress: string | null;
  requestId: string | null;
  userAgent: string | null;
}

/**
 * What a login came to. Every refusal before the password is proven right (unknown user, wrong
 * password, locked, disabled) is the one `invalid_credentials`, so the answer tells nothing about
 * which usernames exist; the audit log records the real reason.
 */
export type LoginResult =
  | { kind: 'invalid_credentials' }
  | { kind: 'totp_required' }
  | { kind: 'invalid_totp' }
  | { kind: 'ok'; token: string; user: UserRow; stage: SessionStage; expiresAt: Date };

const actorFor = (user: UserRow | null, origin: RequestOrigin): AuditActor => ({
  user: user ? { id: user.id, username: user.username, role: user.role } : null,
  sourceAddress: origin.sourceAddress, requestId: origin.requestId,
});

export async function login(db: Kysely<Database>, settings: AuthSettings, input: LoginInput, origin: RequestOrigin): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const found = await findUserByName(db, username);
  // The password is checked (or a dummy hash is) before anything else decides, so every path costs one argon2 verify.
  const passwordOk = found ? await verifyPassword(found.password_hash, input.password) : await verifyDummy(input.password);
  const now = settings.clock();

  return db.transaction().execute(async (trx): Promise<LoginResult> => {
    const user = found ? await findUserByName(trx, username, true) : undefined;
    const fail = async (reason: string, who: UserRow | null, extra: Partial<{ detail: string }> = {}) => {
      await appendAudit(trx, actorFor(who, origin), {
        action: 'auth.login', outcome: 'failure', objectType: 'user', objectIds: who ? [who.id] : [], reason, at: now,
        detail: extra.detail ?? (who ? null : `unknown username "${username.slice(0, 40)}"`),
      });
    };
    /** A wrong secret: counted, and the failure that reaches the limit locks the account. */
    const countFailure = async (reason: string, account: UserRow) => {
      await fail(reason, account);
      const failures = await recordFailure(trx, account, now, settings.lockoutWindowMs, origin.sourceAddress);
      if (failures >= settings.lockoutFailures) {
        await updateUser(trx, account.id, { locked_at: now.toISOString() }, now);
        await appendAudit(trx, actorFor(account, origin), {
          action: 'auth.lockout', outcome: 'success', objectType: 'user', objectIds: [account.id], at: now,
          reason: `${failures} failed logins within ${settings.lockoutWindowMs / 60_000} minutes`,
        });
      }
    };

    if (!user) {
      await fail('unknown_user', null);
      return { kind: 'invalid_credentials' };
    }
    if (user.disabled_at) {
      await fail('disabled', user);
      return { kind: 'invalid_credentials' };
    }
    if (user.locked_at) {
      await fail('locked', user);
      return { kind: 'invalid_credentials' };
    }
    if (!passwordOk) {
      await countFailure('bad_password', user);
      return { kind: 'invalid_credentials' };
    }

    let stage: SessionStage = 'full';
    if (user.totp_secret) {
      if (!input.totp) {
        await fail('totp_missing', user);
        return { kind: 'totp_required' };
      }
      const step = verifyTotp(user.totp_secret, input.totp, now.getTime(), user.totp_last_step === null ? null : Number(user.totp_last_step));
      if (step === null) {
        await countFailure('bad_totp', user);
        return { kind: 'invalid_totp' };
      }
      await updateUser(trx, user.id, { totp_last_step: step }, now);
    } else if (TOTP_REQUIRED_ROLES.includes(user.role)) {
      stage = 'totp_enrolment'; // password proven; the session can do nothing but enrol a second factor
    }

    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + settings.absoluteTimeoutMs);
    const sessionId = await insertSession(trx, {
      tokenHash: tokenHash(token), userId: user.id, stage, now, expiresAt, sourceAddress: origin.sourceAddress, userAgent: origin.userAgent?.slice(0, 300) ?? null,
    });
    await updateUser(trx, user.id, { failures_cleared_at: now.toISOString() }, now);
    await appendAudit(trx, actorFor(user, origin), {
      action: 'auth.login', outcome: 'success', objectType: 'session', objectIds: [sessionId], at: now,
      detail: stage === 'full' ? null : 'second factor not yet enrolled: enrolment-only session',
    });
    return { kind: 'ok', token, user, stage, expiresAt };
  });
}

/** A live session and its user, as the request sees it. */
export interface ActiveSession {
  sessionId: number;
  stage: SessionStage;
  expiresAt: Date;
  /** When the session ends if unused from now on. */
  idleExpiresAt: Date;
  user: UserRow;
}

export type SessionEnd = 'revoked' | 'expired' | 'idle_timeout' | 'user_disabled' | 'unknown';

/**
 * The session a cookie's token names, if it is still live: not revoked, within its absolute and
 * idle limits, and its user not disabled. A live session's last_seen_at moves forward (at most once
 * a minute); an expired one is revoked with the reason.
 */
export async function resolveSession(db: Kysely<Database>, settings: AuthSettings, token: string): Promise<ActiveSession | SessionEnd> {
  const found = await findSession(db, tokenHash(token));
  if (!found) return 'unknown';
  if (found.revokedAt) return 'revoked';
  const now = settings.clock();
  const expiresAt = new Date(found.expiresAt);
  const lastSeen = new Date(found.lastSeenAt);
  let end: SessionEnd | null = null;
  if (found.user.disabled_at) end = 'user_disabled';
  else if (now >= expiresAt) end = 'expired';
  else if (now.getTime() - lastSeen.getTime() >= settings.idleTimeoutMs) end = 'idle_timeout';
  if (end) {
    await revokeSession(db, found.sessionId, now, end);
    return end;
  }
  let seen = lastSeen;
  if (now.getTime() - lastSeen.getTime() >= TOUCH_INTERVAL_MS) {
    await touchSession(db, found.sessionId, now);
    seen = now;
  }
  const idleExpiresAt = new Date(Math.min(seen.getTime() + settings.idleTimeoutMs, expiresAt.getTime()));
  return { sessionId: found.sessionId, stage: found.stage, expiresAt, idleExpiresAt, user: found.user };
}
