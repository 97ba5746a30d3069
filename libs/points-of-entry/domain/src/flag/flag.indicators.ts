/** Where an indicator comes from: the ILO forced-labour indicators, the HTCDS, or child protection. */
export type IndicatorSource = 'ilo-forced-labour' | 'htcds' | 'child-protection';

/** One entry of the fixed indicator catalogue. */
export interface TraffickingIndicator {
  /** Stable code carried in events; never renamed, only added to. */
  readonly code: string;
  readonly label: string;
  /** Contribution to the flag's score (1 weak … 5 strong); see `assessFlag`. */
  readonly weight: number;
  readonly source: IndicatorSource;
}

/**
 * The indicator catalogue. The eleven ILO forced-labour indicators (ILO, 2012), the means of
 * control and risk factors of the Human Trafficking Case Data Standard (IOM HTCDS 2.0) that a
 * border officer can observe, and a child travelling without a guardian.
 */
export const TRAFFICKING_INDICATORS = [
  { code: 'abuse-of-vulnerability', label: 'Abuse of vulnerability', weight: 1, source: 'ilo-forced-labour' },
  { code: 'deception', label: 'Deception about the work, pay or conditions', weight: 2, source: 'ilo-forced-labour' },
  { code: 'restriction-of-movement', label: 'Restriction of movement', weight: 3, source: 'ilo-forced-labour' },
  { code: 'isolation', label: 'Isolation', weight: 2, source: 'ilo-forced-labour' },
  { code: 'physical-and-sexual-violence', label: 'Physical and sexual violence', weight: 5, source: 'ilo-forced-labour' },
  { code: 'intimidation-and-threats', label: 'Intimidation and threats', weight: 3, source: 'ilo-forced-labour' },
  { code: 'retention-of-identity-documents', label: 'Retention of identity documents', weight: 3, source: 'ilo-forced-labour' },
  { code: 'withholding-of-wages', label: 'Withholding of wages', weight: 2, source: 'ilo-forced-labour' },
  { code: 'debt-bondage', label: 'Debt bondage', weight: 3, source: 'ilo-forced-labour' },
  {
    code: 'abusive-working-and-living-conditions',
    label: 'Abusive working and living conditions',
    weight: 2,
    source: 'ilo-forced-labour',
  },
  { code: 'excessive-overtime', label: 'Excessive overtime', weight: 1, source: 'ilo-forced-labour' },
  { code: 'recruitment-fees', label: 'Recruitment fees charged to the worker', weight: 1, source: 'htcds' },
  { code: 'threat-of-law-enforcement', label: 'Threatened with police, arrest or deportation', weight: 2, source: 'htcds' },
  { code: 'psychoactive-substances', label: 'Controlled through alcohol or drugs', weight: 3, source: 'htcds' },
  { code: 'restricted-medical-care', label: 'Denied or restricted medical care', weight: 2, source: 'htcds' },
  { code: 'withholding-of-necessities', label: 'Food, water or sleep withheld', weight: 2, source: 'htcds' },
  {
    code: 'fraudulent-travel-documents',
    label: 'Travelling on false or borrowed documents provided by a third party',
    weight: 1,
    source: 'htcds',
  },
  { code: 'child-without-guardian', label: 'Child travelling without a parent or guardian', weight: 5, source: 'child-protection' },
] as const satisfies readonly TraffickingIndicator[];

export type IndicatorCode = (typeof TRAFFICKING_INDICATORS)[number]['code'];

/** Codes of the catalogue, in catalogue order. */
export const INDICATOR_CODES: readonly IndicatorCode[] = TRAFFICKING_INDICATORS.map((indicator) => indicator.code);

/** The indicator whose presence always makes a flag critical and a child-protection case. */
export const CHILD_WITHOUT_GUARDIAN: IndicatorCode = 'child-without-guardian';

const byCode = new Map<string, TraffickingIndicator>(TRAFFICKING_INDICATORS.map((indicator) => [indicator.code, indicator]));

export function findIndicator(code: string): TraffickingIndicator | undefined {
  return byCode.get(code);
}

export function isIndicatorCode(code: string): code is IndicatorCode {
  return byCode.has(code);
}

/** Distinct codes in catalogue order, so equal sets always serialise the same in events. */
export function normaliseIndicators(codes: readonly IndicatorCode[]): IndicatorCode[] {
  const wanted = new Set<string>(codes);
  return INDICATOR_CODES.filter((code) => wanted.has(code));
}
