/** Injection token of the exchange's agreements store. */
export const AGREEMENTS_STORE = Symbol('AGREEMENTS_STORE');
