import { Type, type Static } from '@sinclair/typebox';
import { MAX_PASSWORD_LENGTH } from './password-policy.js';
import { AccessSummary } from '../access/access-summary.js';
import { ROLES } from './account-tables.js';

export const Username = Type.String({ minLength: 1, maxLength: 40, description: 'login name (case-insensitive)' });
export const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: 'six-digit code from the authenticator app' });

export const LoginBody = Type.Object({
  username: Username,
  password: Password,
  totp: Type.Optional(TotpCode),
}, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const AccountUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  stationId: Type.Union([Type.Integer(), Type.Null()]),
  beatIds: Type.Array(Type.Integer()),
  handoverBeatIds: Type.Array(Type.Integer()),
  totpEnabled: Type.Boolean(),
  totpRequired: Type.Boolean(),
});

export const SessionInfo = Type.Object({
  user: AccountUser,
  session: Type.Object({
    stage: Type.Union([Type.Literal('full'), Type.Literal('totp_enrolment')], { description: 'totp_enrolment: only TOTP enrolment, me and logout work' }),
    expiresAt: Type.String({ format: 'date-time', description: 'absolute end of the session' }),
    idleExpiresAt: Type.String({ format: 'date-time', description: 'end of the session if unused from now on' }),
  }),
  csrfToken: Type.String({ description: 'send as the X-CSRF-Token header with every POST, PUT, PATCH and DELETE' }),
  access: AccessSummary,
});

export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'base32 secret for the authenticator app' }),
  otpauthUri: Type.String(),
});

export const TotpConfirmBody = Type.Object({ code: TotpCode }, { additionalProperties: false });

export const CreateUserBody = Type.Object({
  username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,39}$', description: '3–40 of a-z 0-9 . _ -, starting with a letter or digit' }),
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  password: Password,
  role: Role,
  stationId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  beatIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50, uniqueItems: true })),
  handoverBeatIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50, uniqueItems: true })),
}, { additionalProperties: false });
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UserIdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'user id' }) });
export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
