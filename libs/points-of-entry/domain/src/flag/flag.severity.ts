import { CHILD_WITHOUT_GUARDIAN, findIndicator, type IndicatorCode } from './flag.indicators';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What the indicators of a flag amount to. */
export interface FlagAssessment {
  readonly severity: Severity;
  /** True when a child is involved: referral is mandatory and urgent, whatever else is recorded. */
  readonly childProtection: boolean;
  /** Sum of the weights of the distinct indicators. */
  readonly score: number;
}

/** Lowest score of each severity (a score below `medium` is `low`). */
export const SEVERITY_THRESHOLDS = { medium: 3, high: 5, critical: 8 } as const;

/**
 * Severity from indicators alone, so any consumer can recompute it from the event:
 * 1. a child without a guardian is always `critical` and a child-protection case;
 * 2. otherwise the score (sum of distinct weights) decides: ≥ 8 critical, ≥ 5 high, ≥ 3 medium,
 *    else low. Physical and sexual violence (weight 5) is therefore high on its own.
 * Adding indicators never lowers the severity.
 */
export function assessFlag(indicators: readonly IndicatorCode[]): FlagAssessment {
  const distinct = [...new Set(indicators)];
  const score = distinct.reduce((sum, code) => sum + (findIndicator(code)?.weight ?? 0), 0);
  if (distinct.includes(CHILD_WITHOUT_GUARDIAN)) return { severity: 'critical', childProtection: true, score };
  return { severity: severityOfScore(score), childProtection: false, score };
}

function severityOfScore(score: number): Severity {
  if (score >= SEVERITY_THRESHOLDS.critical) return 'critical';
  if (score >= SEVERITY_THRESHOLDS.high) return 'high';
  if (score >= SEVERITY_THRESHOLDS.medium) return 'medium';
  return 'low';
}

/** 0 for low … 3 for critical, to sort by priority. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
