/** Options of `PlatformModule.forRoot`. */
export interface PlatformModuleOptions {
  /** Name of the service (or composition) reported in logs and as the `service` metric label. */
  serviceName: string;
  /** Default per-check timeout of readiness checks, in ms (default 2000). */
  readinessTimeoutMs?: number;
  /**
   * How long shutdown waits after readiness has flipped to 503 before the HTTP server closes,
   * in ms (default 0), so load balancers notice and stop routing first.
   */
  shutdownDrainMs?: number;
}

/** Injection token of the {@link PlatformModuleOptions} given to `PlatformModule.forRoot`. */
export const PLATFORM_OPTIONS = Symbol('border-ledger.PLATFORM_OPTIONS');
