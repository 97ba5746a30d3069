import { Module } from '@nestjs/common';
import { CentreModule } from './centre/centre.module';

/**
 * The quarantine-centres bounded context: centres and their capacity so far; admissions arrive
 * with the stays. Needs the event store, projections and platform modules from the composition root.
 */
@Module({
  imports: [CentreModule],
  exports: [CentreModule],
})
export class QuarantineModule {}
