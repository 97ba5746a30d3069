import { ConfigError } from '@border-ledger/platform';
import type { FeedSource } from '@border-ledger/kafka/nest';

/** How long a receiving service has to accept a referral before it escalates. */
export interface AcceptanceLimits {
  /** A child (always child protection) or a critical flag. Default 120 (two hours). */
  readonly urgentMinutes: number;
  /** Any other referral. Default 2880 (48 hours). */
  readonly standardMinutes: number;
}

/** Options of `ReferralsModule.forRoot`. */
export interface ReferralsModuleOptions {
  /** Where trafficking-flag events come from: the node's log (edge node) or the points-of-entry topic (distributed). */
  readonly feed: FeedSource;
  /**
   * SQLite file of the process manager: its inboxes, checkpoints, flags seen and durable work
   * (open, revoke, escalation timers). Not rebuildable: timers live here, so back it up.
   */
  readonly processDbPath: string;
  readonly acceptWithin?: Partial<AcceptanceLimits>;
  /** How often the work runner looks for due timers, ms (default 1000). */
  readonly pollMs?: number;
  /** False leaves scheduled work pending until `ReferralsProcess.tick()` (tests only). Default true. */
  readonly runWork?: boolean;
}

export const DEFAULT_ACCEPTANCE_LIMITS: AcceptanceLimits = { urgentMinutes: 120, standardMinutes: 48 * 60 };

export const REFERRALS_OPTIONS = Symbol('REFERRALS_OPTIONS');

/** The options resolved with their defaults. */
export interface ResolvedReferralsOptions extends Omit<ReferralsModuleOptions, 'acceptWithin'> {
  readonly acceptWithin: AcceptanceLimits;
}

const MAX_MINUTES = 30 * 24 * 60;

function minutes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  // Fractions are allowed so that a whole-system test can set a limit of a few seconds.
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(value > 0) || value > MAX_MINUTES) {
    throw new ConfigError(`${name} must be a number of minutes above 0 and at most ${MAX_MINUTES}, got ${text}`);
  }
  return value;
}

/**
 * The acceptance limits from `REFERRALS_URGENT_ACCEPT_WITHIN_MINUTES` (default 120) and
 * `REFERRALS_STANDARD_ACCEPT_WITHIN_MINUTES` (default 2880); fractions of a minute are allowed.
 * @throws {@link ConfigError} for a value that is not a positive number of minutes.
 */
export function readAcceptanceLimits(env: NodeJS.ProcessEnv): AcceptanceLimits {
  return {
    urgentMinutes: minutes(env, 'REFERRALS_URGENT_ACCEPT_WITHIN_MINUTES', DEFAULT_ACCEPTANCE_LIMITS.urgentMinutes),
    standardMinutes: minutes(env, 'REFERRALS_STANDARD_ACCEPT_WITHIN_MINUTES', DEFAULT_ACCEPTANCE_LIMITS.standardMinutes),
  };
}
