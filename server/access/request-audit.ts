import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import { auditActor } from '../auth/auth-plugin.js';
import type { Database } from '../db/schema.js';
import type { WriteGuard } from '../registers/record-service.js';
import type { RegisterSpec } from '../registers/register-spec.js';
import { REGISTERS } from '../registers/specs/index.js';
import { scopeOf } from './route-access.js';

/**
 * Registers whose every read is audited with the ids returned (who looked at which resident, which
 * case): those whose spec says `auditReads`. Other registers' reads (hydrants, cameras …) are not
 * personal and are not logged one by one.
 */
export const AUDITED_READS: ReadonlySet<string> = new Set(REGISTERS.filter((spec) => spec.auditReads).map((spec) => spec.id));

/**
 * Log a read of people or cases: which record ids went out through which route. Awaited before the
 * response is sent, so a failing audit write fails the request (nothing is shown unlogged); committed
 * together with the other reads of the moment (audit-batcher.ts).
 */
export async function auditRead(app: FastifyInstance, request: FastifyRequest, register: string, ids: readonly (number | string)[]): Promise<void> {
  if (!AUDITED_READS.has(register) || ids.length === 0) return;
  await app.auditBatcher.append(auditActor(request), {
    action: `${register}.read`, outcome: 'success', objectType: register, objectIds: ids,
    detail: `${request.method} ${request.routeOptions.url ?? ''}`, at: app.authSettings.clock(),
  });
}

/**
 * Reads over several registers at once (search, a record's links): one row per register, appended
 * together so they join one group commit — one wait, not one per register.
 */
export async function auditReads(app: FastifyInstance, request: FastifyRequest, records: readonly { register: string; id: number }[]): Promise<void> {
  const byRegister = new Map<string, number[]>();
  for (const { register, id } of records) {
    const ids = byRegister.get(register);
    if (ids) ids.push(id);
    else byRegister.set(register, [id]);
  }
  await Promise.all([...byRegister].map(([register, ids]) => auditRead(app, request, register, ids)));
}

/** The audit row of a write (a record's create, update, delete, verify; a link made or removed), inside the write's transaction. */
export async function auditWrite(trx: Transaction<Database>, app: FastifyInstance, request: FastifyRequest,
  row: { action: string; objectType: string; objectId: number; reason: string | null }): Promise<void> {
  await appendAudit(trx, auditActor(request), {
    action: row.action, outcome: 'success', objectType: row.objectType, objectIds: [row.objectId], reason: row.reason,
    detail: `${request.method} ${request.routeOptions.url ?? ''}`, at: app.authSettings.clock(),
  });
}

/** The caller's jurisdiction for a write, and its audit row inside the write's transaction. */
export function writeGuard(app: FastifyInstance, request: FastifyRequest, spec: RegisterSpec, reason: string | null): WriteGuard {
  return {
    read: scopeOf(request, 'read', spec.id),
    write: scopeOf(request, 'write', spec.id),
    record: (trx, action, record) => auditWrite(trx, app, request, { action: `${spec.id}.${action}`, objectType: spec.id, objectId: record.id, reason }),
  };
}
