import { RuleViolation } from '../shared/rule-violation';
import type { HealthDeclaredData, VaccinationRecordedData } from './screening.events';
import { crossingDay, type ScreeningFacts } from './screening.facts';

/** Plausible body temperatures in °C; anything else is a misreading. */
export const TEMPERATURE_RANGE = { min: 30, max: 45 } as const;

export function checkDeclaration(declaration: HealthDeclaredData, facts: ScreeningFacts): void {
  const day = crossingDay(facts);
  for (const visit of declaration.countriesVisited) {
    if (visit.from > visit.to) {
      throw new RuleViolation('visit-dates-out-of-order', `The visit to ${visit.country} ends (${visit.to}) before it starts (${visit.from})`);
    }
    if (visit.to > day) {
      throw new RuleViolation('visit-after-crossing', `The visit to ${visit.country} ends after the crossing day ${day}`);
    }
  }
}

export function checkTemperature(celsius: number): void {
  if (!(celsius >= TEMPERATURE_RANGE.min && celsius <= TEMPERATURE_RANGE.max)) {
    throw new RuleViolation('implausible-temperature', `${celsius} °C is not a plausible body temperature`);
  }
}

export function checkVaccination(certificate: VaccinationRecordedData, facts: ScreeningFacts): void {
  const dates = certificate.doseDates;
  if (dates.length !== certificate.doses) {
    throw new RuleViolation('dose-dates-do-not-match-doses', `${certificate.doses} doses need ${certificate.doses} dates, not ${dates.length}`);
  }
  if (dates.some((date, i) => i > 0 && date < dates[i - 1])) {
    throw new RuleViolation('dose-dates-out-of-order', 'Dose dates must be oldest first');
  }
  if (dates.some((date) => date > crossingDay(facts))) {
    throw new RuleViolation('dose-after-crossing', 'A dose cannot be dated after the crossing');
  }
}
