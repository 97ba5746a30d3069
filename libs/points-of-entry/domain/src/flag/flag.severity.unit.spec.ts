import fc from 'fast-check';
import { INDICATOR_CODES, TRAFFICKING_INDICATORS, type IndicatorCode } from './flag.indicators';
import { assessFlag, severityRank, type Severity } from './flag.severity';

const severity = (...codes: IndicatorCode[]): Severity => assessFlag(codes).severity;
const adultCodes = INDICATOR_CODES.filter((code) => code !== 'child-without-guardian');

describe('flag severity', () => {
  describe('rule 1: a child without a guardian', () => {
    it('is critical and a child-protection case on its own', () => {
      expect(assessFlag(['child-without-guardian'])).toEqual({ severity: 'critical', childProtection: true, score: 5 });
    });

    it('stays critical and child protection with any other indicators', () => {
      fc.assert(
        fc.property(fc.subarray(adultCodes), (others) => {
          const assessment = assessFlag([...others, 'child-without-guardian']);
          expect(assessment.severity).toBe('critical');
          expect(assessment.childProtection).toBe(true);
        }),
      );
    });

    it('is never a child-protection case without that indicator', () => {
      fc.assert(fc.property(fc.subarray(adultCodes), (codes) => expect(assessFlag(codes).childProtection).toBe(false)));
    });
  });

  describe('rule 2: the score of distinct indicators', () => {
    it('is low below 3: a single weak indicator, or two of weight 1', () => {
      expect(severity('excessive-overtime')).toBe('low');
      expect(severity('deception')).toBe('low');
      expect(severity('recruitment-fees', 'abuse-of-vulnerability')).toBe('low');
      expect(assessFlag(['recruitment-fees', 'abuse-of-vulnerability']).score).toBe(2);
    });

    it('is medium from 3 to 4', () => {
      expect(severity('debt-bondage')).toBe('medium');
      expect(severity('retention-of-identity-documents', 'excessive-overtime')).toBe('medium');
      expect(assessFlag(['retention-of-identity-documents', 'excessive-overtime']).score).toBe(4);
    });

    it('is high from 5 to 7, and physical and sexual violence is high on its own', () => {
      expect(severity('physical-and-sexual-violence')).toBe('high');
      expect(severity('deception', 'retention-of-identity-documents')).toBe('high');
      expect(severity('debt-bondage', 'restriction-of-movement', 'excessive-overtime')).toBe('high');
      expect(assessFlag(['debt-bondage', 'restriction-of-movement', 'excessive-overtime']).score).toBe(7);
    });

    it('is critical from 8', () => {
      expect(severity('debt-bondage', 'retention-of-identity-documents', 'deception')).toBe('critical');
      expect(severity('physical-and-sexual-violence', 'intimidation-and-threats')).toBe('critical');
      expect(assessFlag(['debt-bondage', 'retention-of-identity-documents', 'deception']).score).toBe(8);
    });

    it('counts a repeated indicator once', () => {
      expect(assessFlag(['debt-bondage', 'debt-bondage'])).toEqual(assessFlag(['debt-bondage']));
    });

    it('equals the sum of the catalogue weights', () => {
      fc.assert(
        fc.property(fc.subarray([...INDICATOR_CODES]), (codes) => {
          const expected = TRAFFICKING_INDICATORS.filter((i) => codes.includes(i.code)).reduce((sum, i) => sum + i.weight, 0);
          expect(assessFlag(codes).score).toBe(expected);
        }),
      );
    });
  });

  it('never lowers the severity when indicators are added', () => {
    fc.assert(
      fc.property(fc.subarray([...INDICATOR_CODES]), fc.subarray([...INDICATOR_CODES]), (before, more) => {
        expect(severityRank(severity(...before, ...more))).toBeGreaterThanOrEqual(severityRank(severity(...before)));
      }),
    );
  });

  it('has a catalogue of distinct codes with weights from 1 to 5, holding the ILO and HTCDS indicators', () => {
    expect(new Set(INDICATOR_CODES).size).toBe(INDICATOR_CODES.length);
    expect(TRAFFICKING_INDICATORS.every((i) => i.weight >= 1 && i.weight <= 5)).toBe(true);
    expect(TRAFFICKING_INDICATORS.filter((i) => i.source === 'ilo-forced-labour')).toHaveLength(11);
    expect(INDICATOR_CODES).toEqual(expect.arrayContaining(['recruitment-fees', 'debt-bondage', 'child-without-guardian']));
  });
});
