import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import { CurrentAccess, Public, type AccessContext } from '@border-ledger/security';
import { HealthRegistry, type ReadinessReport } from './health.registry';

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * Kubernetes-style probes: `GET /health/live` (the process serves requests),
 * `GET /health/ready` and its alias `GET /health` (dependencies are usable and the app isn't
 * shutting down; 503 otherwise). All public, as orchestrators call them without tokens; the
 * readiness detail per check (which names dependencies and their errors) only for callers whose
 * token allows `health.detail` (administrators), `{ status }` for everyone else.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @Public()
  @Header('Cache-Control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public({ identifyCaller: true })
  @Header('Cache-Control', 'no-store')
  ready(@Res({ passthrough: true }) res: StatusResponse, @CurrentAccess() access: AccessContext): Promise<ReadinessReport | Pick<ReadinessReport, 'status'>> {
    return this.report(res, access);
  }

  @Get()
  @Public({ identifyCaller: true })
  @Header('Cache-Control', 'no-store')
  health(@Res({ passthrough: true }) res: StatusResponse, @CurrentAccess() access: AccessContext): Promise<ReadinessReport | Pick<ReadinessReport, 'status'>> {
    return this.report(res, access);
  }

  private async report(res: StatusResponse, access: AccessContext): Promise<ReadinessReport | Pick<ReadinessReport, 'status'>> {
    const report = await this.registry.readiness();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return access.allows('health.detail') ? report : { status: report.status };
  }
}
