/**
 * Injection token for the platform's `LoggerService` (a {@link JsonLogger}). Inject by token
 * when you only need the Nest `LoggerService` interface:
 * `constructor(@Inject(LOGGER) private readonly logger: LoggerService) {}`.
 */
export const LOGGER = Symbol('border-ledger.LOGGER');
