/** Injection token for the {@link NodeIdentity} of this deployment. */
export const NODE_IDENTITY = Symbol('NODE_IDENTITY');

/** Who this node records for: stamped on every event envelope it appends. */
export interface NodeIdentity {
  /** Agency code, e.g. `TH-IMM` (Thai Immigration Bureau). */
  readonly agency: string;
  /** ISO 3166-1 alpha-2 country of the node. */
  readonly country: string;
}
