import type { AgeBand } from '../reference/codes';
import { RuleViolation } from '../shared/rule-violation';
import { ageBandOf, ageOn, isCalendarDate, isChild, localDay, MAX_AGE_YEARS } from './crossing.codes';
import type { CrossingContext, CrossingDraft, RecordCrossing } from './crossing.commands';
import type { CrossingState } from './crossing.decider';

/** How far into the future a device clock may be before a crossing time is refused. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const TRAVELLER_REF = /^[0-9a-f]{64}$/;
const MAX_BORDER_PASS_DAYS = 365;

/** Checks a crossing to record and returns its age band (stated, or derived from the date of birth). */
export function checkRecord(command: RecordCrossing, context: CrossingContext): AgeBand {
  const { crossing } = command;
  checkPointOfEntry(crossing.pointOfEntry, context);
  if (Date.parse(command.occurredAt) > context.now.getTime() + CLOCK_SKEW_MS) {
    throw new RuleViolation('crossing-in-the-future', 'A crossing cannot be recorded for a time in the future');
  }
  const ageBand = resolveAgeBand(command);
  checkChannelDetails(crossing);
  checkTravelCompanion(crossing, ageBand, context.guardian);
  if (crossing.travellerRef !== undefined && !TRAVELLER_REF.test(crossing.travellerRef)) {
    throw new RuleViolation('traveller-ref-malformed', 'A traveller reference is 64 hex characters');
  }
  if (crossing.identity !== undefined && crossing.travellerRef === undefined) {
    throw new RuleViolation('identity-without-traveller', 'Sealed identity needs the traveller reference of its key');
  }
  return ageBand;
}

function checkPointOfEntry(code: string, context: CrossingContext): void {
  const country = context.pointOfEntry?.country ?? code.slice(0, 2);
  if (country !== context.nodeCountry) {
    throw new RuleViolation(
      'point-of-entry-of-another-country',
      `${code} is in ${country}; this node records crossings in ${context.nodeCountry}`,
    );
  }
  if (context.pointOfEntry === undefined || context.pointOfEntry.code !== code) {
    throw new RuleViolation('unknown-point-of-entry', `No point of entry ${code} is registered`);
  }
}

function resolveAgeBand(command: RecordCrossing): AgeBand {
  const stated = command.crossing.ageBand;
  const { dateOfBirth } = command;
  if (dateOfBirth === undefined) {
    if (stated === undefined) throw new RuleViolation('age-band-missing', 'State the age band or the date of birth');
    return stated;
  }
  if (!isCalendarDate(dateOfBirth)) throw new RuleViolation('date-of-birth-invalid', 'The date of birth is not a calendar date');
  const day = localDay(command.occurredAt);
  if (dateOfBirth > day) throw new RuleViolation('date-of-birth-after-crossing', 'The date of birth is after the crossing');
  const age = ageOn(dateOfBirth, day);
  if (age > MAX_AGE_YEARS) throw new RuleViolation('date-of-birth-implausible', `An age over ${MAX_AGE_YEARS} years`);
  const band = ageBandOf(age);
  if (stated !== undefined && stated !== band) {
    throw new RuleViolation('age-band-does-not-match-date-of-birth', `The date of birth gives ${band}, not ${stated}`);
  }
  return band;
}

function checkChannelDetails(crossing: CrossingDraft): void {
  if (crossing.borderPass !== undefined) {
    if (crossing.channel !== 'border-pass') {
      throw new RuleViolation('channel-details-do-not-match', 'Border pass details go with the border-pass channel');
    }
    const { validDays, area } = crossing.borderPass;
    if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_BORDER_PASS_DAYS) {
      throw new RuleViolation('border-pass-validity-invalid', `A border pass is valid for 1 to ${MAX_BORDER_PASS_DAYS} days`);
    }
    if (area.trim().length === 0) throw new RuleViolation('border-pass-area-missing', 'A border pass names its area');
  }
  if (crossing.visaType !== undefined && crossing.channel !== 'passport-visa') {
    throw new RuleViolation('channel-details-do-not-match', 'A visa type goes with the passport-visa channel');
  }
}

function checkTravelCompanion(crossing: CrossingDraft, ageBand: AgeBand, guardian: CrossingState | undefined): void {
  const { guardianCrossingId, unaccompanied } = crossing;
  if (guardianCrossingId !== undefined && unaccompanied === true) {
    throw new RuleViolation('guardian-and-unaccompanied', 'A child travels either with a guardian or unaccompanied');
  }
  if (!isChild(ageBand)) {
    if (guardianCrossingId !== undefined || unaccompanied !== undefined) {
      throw new RuleViolation('travel-companion-for-a-child-only', 'A guardian or "unaccompanied" is stated for a child only');
    }
    return;
  }
  if (guardianCrossingId === undefined && unaccompanied !== true) {
    throw new RuleViolation('child-travel-companion-required', 'State the guardian of a child, or that the child is unaccompanied');
  }
  if (guardianCrossingId === undefined) return;
  if (guardianCrossingId === crossing.crossingId) {
    throw new RuleViolation('guardian-is-the-child', 'A child cannot be its own guardian');
  }
  if (guardian === undefined || guardian.status === 'none') {
    throw new RuleViolation('guardian-crossing-not-found', `No crossing ${guardianCrossingId}: record the guardian first`);
  }
  if (guardian.status === 'voided') throw new RuleViolation('guardian-crossing-voided', 'The guardian crossing was voided');
  const adult = guardian.crossing;
  if (isChild(adult.ageBand)) throw new RuleViolation('guardian-is-a-child', 'The guardian crossing is of a child');
  if (adult.pointOfEntry !== crossing.pointOfEntry || adult.direction !== crossing.direction) {
    throw new RuleViolation('guardian-crossed-elsewhere', 'The guardian crossed at another point of entry or direction');
  }
  if (adult.groupId !== undefined && crossing.groupId !== undefined && adult.groupId !== crossing.groupId) {
    throw new RuleViolation('guardian-in-another-group', 'The guardian travels in another group');
  }
}
