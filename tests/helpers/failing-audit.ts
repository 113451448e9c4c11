import { sql, type Kysely } from 'kysely';

/**
 * Make appending the audit row `action` (about `objectId`, when given) fail — as a full disk or a
 * lost audit store would — while `run` runs, for the fail-closed tests: the request must fail and
 * keep nothing. A trigger on audit_log refuses just those rows, so other tests' rows are unaffected.
 */
export async function withFailingAudit(db: Kysely<any>, action: string, objectId: number | string | null, run: () => Promise<void>): Promise<void> {
  const about = objectId === null ? '' : ` AND ${quote(String(objectId))} = ANY (NEW.object_ids)`;
  await sql.raw(`
    CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$;
    CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW
    WHEN (NEW.action = ${quote(action)}${about}) EXECUTE FUNCTION test_refuse_audit()`).execute(db);
  try {
    await run();
  } finally {
    await sql.raw('DROP TRIGGER test_refuse_audit ON audit_log; DROP FUNCTION test_refuse_audit()').execute(db);
  }
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
