import { Module } from '@nestjs/common';

/**
 * The quarantine-centres bounded context. Empty at this step: centres, admissions and capacity
 * arrive with the quarantine issue; the module exists so compositions already include it.
 */
@Module({})
export class QuarantineModule {}
