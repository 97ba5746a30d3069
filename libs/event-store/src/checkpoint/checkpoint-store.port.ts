import type { GlobalPosition } from '../port/envelope';

/** Injection token for the {@link CheckpointStore} port. */
export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');

/** Where a follower of the global log (relay, projection) remembers how far it got. */
export interface CheckpointStore {
  /** The saved position, or 0 when the follower has never run. */
  load(name: string): Promise<GlobalPosition>;
  save(name: string, position: GlobalPosition): Promise<void>;
}
