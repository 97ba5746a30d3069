/** Injection tokens of the exchange module's own parts. */
export const EXCHANGE_DB = Symbol('EXCHANGE_DB');
export const EXCHANGE_KEYS = Symbol('EXCHANGE_KEYS');
export const OUTGOING_LOG = Symbol('OUTGOING_LOG');
export const SHARED_RECORDS = Symbol('SHARED_RECORDS');
export const INTEGRITY_MONITOR = Symbol('INTEGRITY_MONITOR');
export const MATCHING = Symbol('MATCHING');
export const SHARE_CONTEXT = Symbol('SHARE_CONTEXT');
