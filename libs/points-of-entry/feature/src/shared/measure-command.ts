import type { MetricsService } from '@border-ledger/platform';

/** Runs a command and counts it by outcome: accepted, rejected (a rule), conflict, or error. */
export async function measureCommand<T>(metrics: MetricsService, name: string, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    metrics.recordCommand(name, 'accepted');
    return result;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    metrics.recordCommand(
      name,
      code === 'RULE_VIOLATION' ? 'rejected' : code === 'WRONG_EXPECTED_REVISION' ? 'conflict' : 'error',
    );
    throw error;
  }
}
