import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import { HealthRegistry, type ReadinessReport } from './health.registry';

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * Kubernetes-style probes: `GET /health/live` (the process serves requests),
 * `GET /health/ready` and its alias `GET /health` (dependencies are usable and the app isn't
 * shutting down; 503 otherwise).
 */
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  ready(@Res({ passthrough: true }) res: StatusResponse): Promise<ReadinessReport> {
    return this.report(res);
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  health(@Res({ passthrough: true }) res: StatusResponse): Promise<ReadinessReport> {
    return this.report(res);
  }

  private async report(res: StatusResponse): Promise<ReadinessReport> {
    const report = await this.registry.readiness();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
