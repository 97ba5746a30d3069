/**
 * The pure core of the cross-border exchange (issue #5): sharing agreements as events, the
 * minimisation of the node's events into shared records under an agreement, refs re-keyed per
 * agreement, the checks on records received from a partner, and exit-to-entry matching.
 *
 * @packageDocumentation
 */
export * from './records/records';
export * from './agreement/agreement.types';
export * from './agreement/agreement.events';
export * from './agreement/agreement.commands';
export * from './agreement/agreement.validation';
export * from './agreement/agreement.decider';
export * from './agreement/agreement.in-force';
export * from './refs/agreement-refs';
export * from './minimise/minimise.types';
export { travelGroupOf } from './minimise/minimise.crossing';
export { minimise, selectionOf, shareableOf } from './minimise/minimise';
export * from './incoming/incoming';
export { isInstant } from './incoming/incoming.fields';
export * from './matching/matching';
export * from './matching/matching.queries';
export * from './referral-exchange/referral-exchange';
