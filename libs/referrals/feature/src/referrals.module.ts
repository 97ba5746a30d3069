import { Module } from '@nestjs/common';

/**
 * The protection-referrals bounded context. Empty at this step: referrals arrive with the
 * referrals issue; the module exists so compositions already include it.
 */
@Module({})
export class ReferralsModule {}
