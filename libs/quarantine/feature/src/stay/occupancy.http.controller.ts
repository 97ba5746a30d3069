import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@border-ledger/event-store';
import { fieldError } from '@border-ledger/platform';
import { MAX_STAY_DAYS } from '@border-ledger/quarantine-domain';
import { Access } from '@border-ledger/security';
import { addDays, OccupancyQueries, type BedDays, type CapacityAlertView, type DailyOccupancy, type ExpectedReleases } from './occupancy.queries';
import { BedDaysQuery, ExpectedReleasesQuery, OccupancyQuery } from './stay.dto';

const MAX_PERIOD_DAYS = 366;

/**
 * Occupancy for planning (aggregates, no person) and capacity alerts for health officials (who
 * awaits a place: health data, read with a stated purpose). Days are UTC days (ADR 0008).
 */
@ApiTags('quarantine occupancy')
@Controller('quarantine')
export class OccupancyHttpController {
  constructor(
    private readonly occupancy: OccupancyQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Places in use per centre on a day, by category. */
  @Get('occupancy')
  @Access('quarantine-occupancy.read')
  @ApiOkResponse({ description: '{ date, items: [{ centre, occupancy: {adults, …}, total }] }' })
  onDay(@Query() query: OccupancyQuery): { date: string; items: DailyOccupancy[] } {
    return { date: query.date, items: this.occupancy.onDay(query.date, query.centre) };
  }

  /** Stays whose days end on each of the next `days` days (today first), per centre; and how many are overdue. */
  @Get('expected-releases')
  @Access('quarantine-occupancy.read')
  @ApiOkResponse({ description: '{ from, days, items: [{ date, centre, count }], overdue }' })
  expectedReleases(@Query() query: ExpectedReleasesQuery): { from: string; days: number; items: ExpectedReleases[]; overdue: number } {
    const days = query.days === undefined ? 7 : Number(query.days);
    if (days < 1 || days > MAX_STAY_DAYS) throw fieldError('days', `must be a whole number from 1 to ${MAX_STAY_DAYS}`);
    const today = this.clock().toISOString().slice(0, 10);
    return { from: today, days, ...this.occupancy.expectedReleases(today, days) };
  }

  /** Bed-days used in a period (inclusive), per centre and category; stays still there count up to today. */
  @Get('bed-days')
  @Access('quarantine-occupancy.read')
  @ApiOkResponse({ description: '{ from, to, items: [{ centre, byCategory, total }], total }' })
  bedDays(@Query() query: BedDaysQuery): { from: string; to: string; items: BedDays[]; total: number } {
    if (query.to < query.from) throw fieldError('to', 'must not be before from');
    if (addDays(query.from, MAX_PERIOD_DAYS) <= query.to) throw fieldError('to', `must be at most ${MAX_PERIOD_DAYS} days after from`);
    const items = this.occupancy.bedDays(query.from, query.to, this.clock().toISOString().slice(0, 10), query.centre);
    return { from: query.from, to: query.to, items, total: items.reduce((sum, item) => sum + item.total, 0) };
  }

  /** Travellers a screening sent to quarantine or isolation who await a place (capacity alerts), oldest first. */
  @Get('alerts')
  @Access('quarantine-alert.read')
  @ApiOkResponse({ description: '{ items: [{ crossingId, category, measure, days, pointOfEntry, province, raisedAt }] }' })
  alerts(): { items: CapacityAlertView[] } {
    return { items: this.occupancy.alerts() };
  }
}
