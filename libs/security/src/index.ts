export { ROLES, AGENCY_CODE, PLACE_CODE, countryOfCode, isRole, type Principal, type Role } from './principal/principal';
export { principalFromClaims, agencyAllowed, ClaimsError, type BorderLedgerClaims } from './principal/principal-claims';

export { ACCESS_RULES, ACTIONS, isAction, ruleOf, type Action, type ActionRule, type Grant, type Scope, type Target, type View } from './access/role-table';
export { authorize, inScope, listScope, type Decision, type RefusalReason } from './access/authorize';
export { atPointOfEntry, QUARANTINE_REFERRALS, type Resource } from './access/resource';
export { isPurpose, PURPOSE_HEADER, PURPOSES, type Purpose } from './access/purpose';

export { readAuthConfig, integerSetting, type AuthConfig, type AuthConfigDefaults, type TrustedIssuer } from './token/auth-config';
export { algorithmsFor, loadJwksFile, loadPemDir, SecurityConfigError, type TrustedKey } from './token/trusted-keys';
export { TokenVerifier, type Authentication, type AuthFailureReason, type ClaimedIdentity } from './token/token-verifier';
export { signToken, signingAlgorithm, type SigningOptions, type TokenClaims } from './token/sign-token';

export { RateLimiter, readRateLimitConfig, type BucketSettings, type RateDecision, type RateLimitConfig } from './rate-limit/rate-limiter';

export { ACCESS_GRANTED, ACCESS_REFUSED, auditStream, type AccessAuditData, type AuditEnvelope, type AuditLog, type AuditNewEvent } from './audit/audit-log.port';
export { AccessAudit, type AccessEntry, type NodeRef } from './audit/access-audit';
export { queryAudit, daysBetween, MAX_AUDIT_DAYS, type AuditQuery, type AuditRecord } from './audit/audit-query';

export { SecurityModule } from './nest/security.module';
export { readSecurityConfig } from './nest/security-config';
export { SECURITY_INSTALLED, SECURITY_OPTIONS, AUDIT_LOG, type SecurityModuleOptions } from './nest/security.options';
export { Access, Public, CurrentAccess, CurrentPrincipal, ACCESS_METADATA, PUBLIC_METADATA, type AccessRequirement, type PublicOptions } from './nest/access.decorators';
export { AccessContext } from './nest/access-context';
export { hasSecurityModule, protectApiDocs } from './nest/protect-api-docs';

export { edgeIssuer, EDGE_SIGNING_KEY_FILE, type EdgeIssuer } from './edge/edge-signing-key';
export { issueTokenCommand, ISSUE_TOKEN_USAGE, type EdgeDefaults, type IssueTokenResult } from './edge/issue-token-cli';
