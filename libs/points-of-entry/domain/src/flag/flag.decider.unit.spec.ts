import type { CrossingState } from '../crossing/crossing.decider';
import type { CrossingRecordedData } from '../crossing/crossing.events';
import { RuleViolation } from '../shared/rule-violation';
import type { FlagCommand, FlagContext, RaiseFlag } from './flag.commands';
import { decideFlag, evolveFlag, initialFlagState, type FlagState } from './flag.decider';
import {
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_WITHDRAWN,
  type FlagEvent,
  type TraffickingFlagRaisedData,
} from './flag.events';
import type { IndicatorCode } from './flag.indicators';

const flagId = '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f';
const crossing: CrossingRecordedData = {
  crossingId: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a',
  pointOfEntry: 'TH-MAESOT',
  direction: 'entry',
  channel: 'irregular',
  purpose: 'work',
  nationality: 'MM',
  sex: 'female',
  ageBand: '18-24',
};
const recordedCrossing: CrossingState = { status: 'recorded', crossing };
const context: FlagContext = { nodeCountry: 'TH', now: new Date('2026-11-23T09:00:00Z'), subjectCrossing: recordedCrossing };
const raise: RaiseFlag = {
  kind: 'RaiseFlag',
  flagId,
  subject: { kind: 'crossing', id: crossing.crossingId },
  pointOfEntry: 'TH-MAESOT',
  indicators: ['retention-of-identity-documents', 'deception'],
  observedAt: '2026-11-23T15:40:00+07:00',
  noteId: 'a1b2c3d4-0000-4000-8000-000000000001',
};
const raised: TraffickingFlagRaisedData = {
  flagId,
  subject: raise.subject,
  pointOfEntry: 'TH-MAESOT',
  indicators: ['deception', 'retention-of-identity-documents'],
  severity: 'high',
  childProtection: false,
  observedAt: raise.observedAt,
  noteId: raise.noteId,
};
const raisedEvent: FlagEvent = { type: TRAFFICKING_FLAG_RAISED, data: raised };

/** given events, when command (in a context), then events or the rule that refuses it */
function given(events: FlagEvent[], ctx: FlagContext = context) {
  const state = events.reduce<FlagState>(evolveFlag, initialFlagState);
  return {
    when: (command: FlagCommand) => ({
      then: (expected: FlagEvent[]) => expect(decideFlag(command, state, ctx)).toEqual(expected),
      thenRefused: (rule: string) => {
        try {
          decideFlag(command, state, ctx);
        } catch (error) {
          expect(error).toBeInstanceOf(RuleViolation);
          expect((error as RuleViolation).rule).toBe(rule);
          return;
        }
        throw new Error(`expected ${rule}`);
      },
    }),
  };
}
const add = (...indicators: IndicatorCode[]): FlagCommand => ({ kind: 'AddFlagIndicators', flagId, indicators });

describe('flag decider', () => {
  describe('RaiseFlag', () => {
    it('raises a flag with indicators in catalogue order and the severity they amount to', () => {
      given([]).when(raise).then([raisedEvent]);
    });

    it('never puts anything but the flag fields in the payload (no note text)', () => {
      const [event] = decideFlag({ ...raise, note: 'name and phone of the broker' } as RaiseFlag, initialFlagState, context);
      expect(Object.keys(event.data).sort()).toEqual(Object.keys(raised).sort());
      expect(JSON.stringify(event)).not.toContain('broker');
    });

    it('raises a child-without-guardian flag as critical and child protection', () => {
      given([])
        .when({ ...raise, indicators: ['child-without-guardian'], noteId: null })
        .then([
          {
            type: TRAFFICKING_FLAG_RAISED,
            data: { ...raised, indicators: ['child-without-guardian'], severity: 'critical', childProtection: true, noteId: null },
          },
        ]);
    });

    it('raises a flag on an irregular-crossing detection without a crossing stream', () => {
      const detection = { kind: 'irregular-detection' as const, id: '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6' };
      given([], { nodeCountry: 'TH', now: context.now })
        .when({ ...raise, subject: detection })
        .then([{ type: TRAFFICKING_FLAG_RAISED, data: { ...raised, subject: detection } }]);
    });

    it('refuses a flag raised twice', () => {
      given([raisedEvent]).when(raise).thenRefused('flag-already-raised');
    });

    it('refuses no indicators and unknown indicators', () => {
      given([]).when({ ...raise, indicators: [] }).thenRefused('flag-without-indicators');
      given([])
        .when({ ...raise, indicators: ['deception', 'bad-vibes' as IndicatorCode] })
        .thenRefused('unknown-indicator');
    });

    it('refuses an unknown point of entry and one in another country', () => {
      given([]).when({ ...raise, pointOfEntry: 'TH-NOWHERE' }).thenRefused('unknown-point-of-entry');
      given([]).when({ ...raise, pointOfEntry: 'MM-MYAWADDY' }).thenRefused('point-of-entry-of-another-country');
    });

    it('refuses an observation beyond the clock skew, accepts one within it', () => {
      given([]).when({ ...raise, observedAt: '2026-11-23T16:06:00+07:00' }).thenRefused('flag-observed-in-the-future');
      expect(decideFlag({ ...raise, observedAt: '2026-11-23T16:04:00+07:00' }, initialFlagState, context)).toHaveLength(1);
    });

    it('refuses a missing or voided crossing, and one recorded at another point of entry', () => {
      given([], { ...context, subjectCrossing: { status: 'none' } }).when(raise).thenRefused('crossing-not-found');
      given([], { nodeCountry: 'TH', now: context.now }).when(raise).thenRefused('crossing-not-found');
      given([], { ...context, subjectCrossing: { status: 'voided', crossing, reason: 'error' } })
        .when(raise)
        .thenRefused('crossing-voided');
      given([]).when({ ...raise, pointOfEntry: 'TH-NONGKHAI' }).thenRefused('flag-point-of-entry-differs-from-crossing');
    });
  });

  describe('AddFlagIndicators', () => {
    it('adds only new indicators and recomputes the severity', () => {
      given([raisedEvent])
        .when(add('debt-bondage', 'deception'))
        .then([
          {
            type: TRAFFICKING_FLAG_INDICATORS_ADDED,
            data: {
              flagId,
              added: ['debt-bondage'],
              indicators: ['deception', 'retention-of-identity-documents', 'debt-bondage'],
              severity: 'critical',
              childProtection: false,
            },
          },
        ]);
    });

    it('makes a flag critical and child protection when a child without a guardian is added', () => {
      const low: FlagEvent = { type: TRAFFICKING_FLAG_RAISED, data: { ...raised, indicators: ['excessive-overtime'], severity: 'low' } };
      const [event] = decideFlag(add('child-without-guardian'), [low].reduce(evolveFlag, initialFlagState), context);
      expect(event.data).toMatchObject({ severity: 'critical', childProtection: true });
    });

    it('refuses indicators already recorded, none, or unknown', () => {
      given([raisedEvent]).when(add('deception')).thenRefused('indicators-already-recorded');
      given([raisedEvent]).when(add()).thenRefused('flag-without-indicators');
      given([raisedEvent]).when(add('bad-vibes' as IndicatorCode)).thenRefused('unknown-indicator');
    });

    it('refuses a flag that does not exist or is no longer open', () => {
      given([]).when(add('debt-bondage')).thenRefused('flag-not-found');
      given([raisedEvent, { type: TRAFFICKING_FLAG_WITHDRAWN, data: { flagId, reason: 'duplicate' } }])
        .when(add('debt-bondage'))
        .thenRefused('flag-not-open');
    });
  });

  describe('CloseFlag and WithdrawFlag', () => {
    it('closes an open flag with its reason', () => {
      given([raisedEvent])
        .when({ kind: 'CloseFlag', flagId, reason: 'declined-services' })
        .then([{ type: TRAFFICKING_FLAG_CLOSED, data: { flagId, reason: 'declined-services' } }]);
    });

    it('closes a child-protection flag only by a referral', () => {
      const child: FlagEvent = {
        type: TRAFFICKING_FLAG_RAISED,
        data: { ...raised, indicators: ['child-without-guardian'], severity: 'critical', childProtection: true },
      };
      given([child]).when({ kind: 'CloseFlag', flagId, reason: 'assisted-on-site' }).thenRefused('child-referral-mandatory');
      given([child]).when({ kind: 'CloseFlag', flagId, reason: 'declined-services' }).thenRefused('child-referral-mandatory');
      given([child])
        .when({ kind: 'CloseFlag', flagId, reason: 'referred-to-protection-services' })
        .then([{ type: TRAFFICKING_FLAG_CLOSED, data: { flagId, reason: 'referred-to-protection-services' } }]);
    });

    it('withdraws an open flag with its reason', () => {
      given([raisedEvent])
        .when({ kind: 'WithdrawFlag', flagId, reason: 'raised-in-error' })
        .then([{ type: TRAFFICKING_FLAG_WITHDRAWN, data: { flagId, reason: 'raised-in-error' } }]);
    });

    it('refuses to close or withdraw a missing, closed or withdrawn flag', () => {
      const closed: FlagEvent = { type: TRAFFICKING_FLAG_CLOSED, data: { flagId, reason: 'assisted-on-site' } };
      const withdrawn: FlagEvent = { type: TRAFFICKING_FLAG_WITHDRAWN, data: { flagId, reason: 'duplicate' } };
      given([]).when({ kind: 'CloseFlag', flagId, reason: 'assisted-on-site' }).thenRefused('flag-not-found');
      given([]).when({ kind: 'WithdrawFlag', flagId, reason: 'duplicate' }).thenRefused('flag-not-found');
      given([raisedEvent, closed]).when({ kind: 'WithdrawFlag', flagId, reason: 'duplicate' }).thenRefused('flag-not-open');
      given([raisedEvent, withdrawn]).when({ kind: 'CloseFlag', flagId, reason: 'assisted-on-site' }).thenRefused('flag-not-open');
    });
  });

  describe('evolve', () => {
    it('folds raise, additions and closure into the state', () => {
      const state = [
        raisedEvent,
        ...decideFlag(add('debt-bondage'), [raisedEvent].reduce(evolveFlag, initialFlagState), context),
        { type: TRAFFICKING_FLAG_CLOSED, data: { flagId, reason: 'referred-to-protection-services' } } as FlagEvent,
      ].reduce<FlagState>(evolveFlag, initialFlagState);
      expect(state).toEqual({
        status: 'closed',
        reason: 'referred-to-protection-services',
        flag: { ...raised, indicators: ['deception', 'retention-of-identity-documents', 'debt-bondage'], severity: 'critical' },
      });
    });

    it('ignores a late addition or second closure after a flag left the open state', () => {
      const withdrawn = [raisedEvent, { type: TRAFFICKING_FLAG_WITHDRAWN, data: { flagId, reason: 'duplicate' } } as FlagEvent].reduce<FlagState>(
        evolveFlag,
        initialFlagState,
      );
      const added: FlagEvent = {
        type: TRAFFICKING_FLAG_INDICATORS_ADDED,
        data: { flagId, added: ['isolation'], indicators: ['isolation'], severity: 'low', childProtection: false },
      };
      expect(evolveFlag(withdrawn, added)).toBe(withdrawn);
      expect(evolveFlag(withdrawn, { type: TRAFFICKING_FLAG_CLOSED, data: { flagId, reason: 'assisted-on-site' } })).toBe(withdrawn);
    });
  });
});
