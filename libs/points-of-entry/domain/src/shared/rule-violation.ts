/** A command refused by a domain rule; the HTTP edge answers 422 with the rule name. */
export class RuleViolation extends Error {
  readonly code = 'RULE_VIOLATION';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

/** Compile-time proof that a switch handled every case. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
