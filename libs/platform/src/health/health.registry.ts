import { BeforeApplicationShutdown, Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { PLATFORM_OPTIONS, type PlatformModuleOptions } from '../platform.options';

/** A readiness check: resolves when the dependency is usable, throws (or rejects) when not. */
export type ReadinessCheck = () => Promise<void>;

/** Per-check options of {@link HealthRegistry.register}. */
export interface ReadinessCheckOptions {
  /** Overrides the registry's default timeout for this check, in ms. */
  timeoutMs?: number;
}

/** Result of one check. */
export type CheckResult = { status: 'up' } | { status: 'down'; error: string };

/** Result of {@link HealthRegistry.readiness}; `ok` maps to HTTP 200, `unavailable` to 503. */
export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, CheckResult>;
}

/** Default per-check timeout, in ms. */
export const DEFAULT_READINESS_TIMEOUT_MS = 2000;

interface RegisteredCheck {
  check: ReadinessCheck;
  timeoutMs: number;
}

/**
 * Named readiness checks contributed by feature modules (event store, Kafka, …). Checks run in
 * parallel, each bounded by a timeout so a hung dependency can't hang the probe. Once the app
 * starts shutting down, readiness reports `unavailable` so load balancers drain the instance.
 */
@Injectable()
export class HealthRegistry implements OnModuleDestroy, BeforeApplicationShutdown {
  private readonly checks = new Map<string, RegisteredCheck>();
  private readonly defaultTimeoutMs: number;
  private readonly drainMs: number;
  private shuttingDown = false;

  constructor(@Optional() @Inject(PLATFORM_OPTIONS) options?: PlatformModuleOptions) {
    this.defaultTimeoutMs = options?.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS;
    this.drainMs = options?.shutdownDrainMs ?? 0;
  }

  /**
   * Registers a readiness check under a unique `name`.
   * @throws Error when `name` is already registered (two modules claiming one name is a bug).
   */
  register(name: string, check: ReadinessCheck, options: ReadinessCheckOptions = {}): void {
    if (this.checks.has(name)) throw new Error(`Readiness check "${name}" is already registered`);
    this.checks.set(name, { check, timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs });
  }

  /** Removes a check; returns whether it existed. */
  unregister(name: string): boolean {
    return this.checks.delete(name);
  }

  /** Names of the registered checks. */
  names(): string[] {
    return [...this.checks.keys()];
  }

  /** True once the application has begun shutting down. */
  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /**
   * Runs every check (in parallel, each with its timeout) and summarises them. While shutting
   * down, reports a single `shutdown` check as down without running the others.
   */
  async readiness(): Promise<ReadinessReport> {
    // Dependencies may already be closing; probing them would only add noise.
    if (this.shuttingDown) {
      return { status: 'unavailable', checks: { shutdown: { status: 'down', error: 'application is shutting down' } } };
    }
    const entries = await Promise.all(
      [...this.checks].map(async ([name, { check, timeoutMs }]) => [name, await runCheck(check, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(entries) as Record<string, CheckResult>;
    const allUp = Object.values(checks).every((result) => result.status === 'up');
    return { status: allUp ? 'ok' : 'unavailable', checks };
  }

  /** Flips readiness to `unavailable` (idempotent); called by Nest on shutdown. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  // Destroy hooks run before beforeApplicationShutdown and may already be closing dependencies,
  // so readiness flips at the earliest shutdown hook.
  onModuleDestroy(): void {
    this.markShuttingDown();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.markShuttingDown();
    if (this.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, this.drainMs));
  }
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // Promise.resolve().then() also turns a synchronous throw into a rejection.
    await Promise.race([Promise.resolve().then(check), timeout]);
    return { status: 'up' };
  } catch (error: unknown) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
