import { Module } from '@nestjs/common';
import { StreamCommandRunner } from './stream-command-runner';

/** The command handlers' shared runner. Needs the event store and platform modules (global) in the root. */
@Module({
  providers: [StreamCommandRunner],
  exports: [StreamCommandRunner],
})
export class SharedCommandModule {}
