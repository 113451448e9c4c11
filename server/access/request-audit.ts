import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit } from '../audit/audit-log.js';
import { auditActor } from '../auth/auth-plugin.js';
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

/** The caller's jurisdiction for a write, and its audit row inside the write's transaction. */
export function writeGuard(app: FastifyInstance, request: FastifyRequest, spec: RegisterSpec, reason: string | null): WriteGuard {
  return {
    read: scopeOf(request, 'read', spec.id),
    write: scopeOf(request, 'write', spec.id),
    record: async (trx, action, record) => {
      await appendAudit(trx, auditActor(request), {
        action: `${spec.id}.${action}`, outcome: 'success', objectType: spec.id, objectIds: [record.id], reason,
        detail: `${request.method} ${request.routeOptions.url ?? ''}`, at: app.authSettings.clock(),
      });
    },
  };
}
