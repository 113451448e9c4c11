/**
 * `npm run user:create -- --username NAME --role ROLE [--name "Display name"] [--station ID] [--beats 1,2]`
 *
 * Creates an account from the command line, e.g. the first admin of a production database (where
 * demo accounts are refused). The password is read from the first line of standard input, so it is
 * never in the shell history or the process list: `printf '%s\n' "$PASSWORD" | npm run user:create -- …`.
 * Commanders and admins enrol their second factor at first login. The creation is audited.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { appendAudit } from '../audit/audit-log.js';
import { runCli, UsageError } from '../cli/run-cli.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { findUserByName, insertUser } from './account-repository.js';
import { ROLES, type Role } from './account-tables.js';
import { hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';

await runCli(async () => {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, station: { type: 'string' }, beats: { type: 'string' } },
    strict: true,
  });
  const username = values.username ?? '';
  if (!/^[a-z0-9][a-z0-9._-]{2,39}$/.test(username)) throw new UsageError('--username: 3–40 of a-z 0-9 . _ -, starting with a letter or digit');
  if (!ROLES.includes(values.role as Role)) throw new UsageError(`--role: one of ${ROLES.join(', ')}`);
  const beatIds = values.beats ? values.beats.split(',').map(Number) : [];
  if (beatIds.some((id) => !Number.isInteger(id) || id < 1)) throw new UsageError('--beats: comma-separated beat ids, e.g. 3,4');
  const stationId = values.station ? Number(values.station) : null;
  if (stationId !== null && (!Number.isInteger(stationId) || stationId < 1)) throw new UsageError('--station: a police station id');
  const password = readFileSync(0, 'utf8').split('\n')[0] ?? '';
  const problem = passwordProblem(password, username);
  if (problem) throw new UsageError(`password (standard input): ${problem}`);

  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    if (await findUserByName(database.db, username)) throw new UsageError(`--username: "${username}" is taken`);
    const passwordHash = await hashPassword(password);
    const now = new Date();
    const user = await database.db.transaction().execute(async (trx) => {
      const created = await insertUser(trx, {
        username, displayName: values.name ?? username, passwordHash, role: values.role as Role, stationId, beatIds, handoverBeatIds: [],
      }, now);
      await appendAudit(trx, { user: null, sourceAddress: 'command line', requestId: null }, {
        action: 'user.create', outcome: 'success', objectType: 'user', objectIds: [created.id, created.username], at: now,
        detail: `role ${created.role}, created with npm run user:create`,
      });
      return created;
    });
    console.log(`created ${user.role} ${user.username} (id ${user.id})`);
  } finally {
    await database.close();
  }
});
