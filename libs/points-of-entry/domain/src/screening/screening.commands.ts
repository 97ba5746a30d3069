import type { ScreeningPolicy } from '../policy/policy.types';
import type {
  HealthDeclaredData,
  ScreeningStartedData,
  TestRecordedData,
  VaccinationRecordedData,
} from './screening.events';

export interface StartScreening {
  readonly kind: 'StartScreening';
  readonly screening: ScreeningStartedData;
}

export interface RecordHealthDeclaration {
  readonly kind: 'RecordHealthDeclaration';
  readonly declaration: HealthDeclaredData;
}

export interface RecordTemperature {
  readonly kind: 'RecordTemperature';
  readonly crossingId: string;
  readonly celsius: number;
}

export interface RecordScreeningTest {
  readonly kind: 'RecordScreeningTest';
  readonly test: TestRecordedData;
}

export interface RecordVaccinationCertificate {
  readonly kind: 'RecordVaccinationCertificate';
  readonly certificate: VaccinationRecordedData;
}

export interface DecideScreeningOutcome {
  readonly kind: 'DecideScreeningOutcome';
  readonly crossingId: string;
}

export type ScreeningCommand =
  | StartScreening
  | RecordHealthDeclaration
  | RecordTemperature
  | RecordScreeningTest
  | RecordVaccinationCertificate
  | DecideScreeningOutcome;

/** What a screening decision needs besides the command and the state. */
export interface ScreeningContext {
  /** The country of the recording node: it screens at its own points of entry. */
  readonly nodeCountry: string;
  readonly now: Date;
  /** The published screening policies of the node's country, in publication order. */
  readonly policies: readonly ScreeningPolicy[];
  /** The registered point of entry a start names; undefined when none is registered (other commands need none). */
  readonly pointOfEntry?: { readonly code: string; readonly country: string };
}

/** The crossing id a command is about. */
export function screeningCommandCrossingId(command: ScreeningCommand): string {
  switch (command.kind) {
    case 'StartScreening':
      return command.screening.crossingId;
    case 'RecordHealthDeclaration':
      return command.declaration.crossingId;
    case 'RecordScreeningTest':
      return command.test.crossingId;
    case 'RecordVaccinationCertificate':
      return command.certificate.crossingId;
    case 'RecordTemperature':
    case 'DecideScreeningOutcome':
      return command.crossingId;
    default: {
      const never: never = command;
      return never;
    }
  }
}
