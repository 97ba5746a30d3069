export * from './referral/referral.codes';
export * from './referral/referral.events';
export * from './referral/referral.commands';
export * from './referral/referral.decider';
export * from './referral/referral.process';
