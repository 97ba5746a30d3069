import type { RedriveFilter } from '../consumer/redrive';

/** What {@link DeadLetterRedrive.redrive} is asked to do. */
export interface RedriveOptions extends RedriveFilter {
  /** The event topic whose dead-letter topic is read, e.g. `th.points-of-entry.events.v1`. */
  readonly topic: string;
  /** Report what would be sent back, send nothing, remember nothing. */
  readonly dryRun?: boolean;
  /** Remembers how far redrives went. Default `<topic>.dlq-redrive`. */
  readonly groupId?: string;
  /** Longest the run may take. Default 60 000 ms. */
  readonly timeoutMs?: number;
}

export interface RedriveReport {
  readonly deadLetterTopic: string;
  readonly dryRun: boolean;
  /** Dead letters read in this run (those parked since the last run). */
  readonly read: number;
  /** Sent back to their source topic (or, in a dry run, that would be). */
  readonly redriven: number;
  readonly skipped: ReadonlyArray<{ readonly offset: string; readonly why: string }>;
}

/** Injection token of the {@link DeadLetterRedrive} port. */
export const DEAD_LETTER_REDRIVE = Symbol('DEAD_LETTER_REDRIVE');

/**
 * Sends parked records back to the topic they were parked from, once their cause is fixed (a
 * read-model bug, a full disk). Runs to the end of the dead-letter topic as it was at the start
 * and remembers how far it went, so a second run sends back only what was parked since.
 */
export interface DeadLetterRedrive {
  redrive(options: RedriveOptions): Promise<RedriveReport>;
}
