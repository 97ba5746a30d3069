export { ReferralsModule } from './referrals.module';
export { readAcceptanceLimits, DEFAULT_ACCEPTANCE_LIMITS, type AcceptanceLimits, type ReferralsModuleOptions } from './referrals.options';
export { ReferralCommandHandler, ReferralCommandMessage, type ReferralReply } from './referral/referral.command-handler';
export { ReferralsProjection } from './referral/referrals.projection';
export { ReferralsWorkRunner } from './process/referrals-work.runner';
