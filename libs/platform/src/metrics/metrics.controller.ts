import { Controller, Get, Header, Res } from '@nestjs/common';
import { Public } from '@border-ledger/security';
import { MetricsService } from './metrics.service';

interface ContentTypedResponse {
  setHeader(name: string, value: string): unknown;
}

/** Serves `GET /metrics` in the Prometheus text exposition format; public, as scrapers send no token (labels hold no personal data). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: ContentTypedResponse): Promise<string> {
    res.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.metrics();
  }
}
