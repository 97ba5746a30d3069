/** Injection token for the {@link Clock}: time comes in as an input, never from globals in the domain. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
