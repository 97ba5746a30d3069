export { QuarantineModule } from './quarantine.module';
