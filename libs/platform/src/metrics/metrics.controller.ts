import { Controller, Get, Header, Res } from '@nestjs/common';
import { MetricsService } from './metrics.service';

interface ContentTypedResponse {
  setHeader(name: string, value: string): unknown;
}

/** Serves `GET /metrics` in the Prometheus text exposition format. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: ContentTypedResponse): Promise<string> {
    res.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.metrics();
  }
}
