import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { NODE_IDENTITY, type NodeIdentity } from '@border-ledger/event-store';
import { checkPolicyContent, countryOfPointOfEntry, RuleViolation, type WhatIfReport } from '@border-ledger/points-of-entry-domain';
import { Access } from '@border-ledger/security';
import { RuleViolationDoc, ValidationFailedDoc } from '../openapi/api-docs';
import { WhatIfRequestDto } from './what-if.dto';
import { ScreeningWhatIfService } from './what-if.service';
import { fieldError } from '@border-ledger/platform';

const MAX_PERIOD_MS = 366 * 86_400_000;

class CountsDoc {
  @ApiProperty({ example: 412 }) readonly cleared!: number;
  @ApiProperty({ example: 57 }) readonly quarantine!: number;
  @ApiProperty({ example: 9 }) readonly isolation!: number;
  @ApiProperty({ example: 3 }) readonly 'referral-for-care'!: number;
}
class BeforeAfterDoc {
  @ApiProperty({ example: 3 }) readonly current!: number;
  @ApiProperty({ example: 5 }) readonly draft!: number;
}
class OutcomesDoc {
  @ApiProperty({ type: CountsDoc }) readonly current!: CountsDoc;
  @ApiProperty({ type: CountsDoc }) readonly draft!: CountsDoc;
}
class FiguresDoc {
  @ApiProperty({ example: 481 }) readonly screenings!: number;
  @ApiProperty({ type: OutcomesDoc }) readonly outcomes!: OutcomesDoc;
  @ApiProperty({ example: 64, description: 'Screenings whose category or quarantine days would change' }) readonly changedOutcomes!: number;
  @ApiProperty({ type: BeforeAfterDoc }) readonly referrals!: BeforeAfterDoc;
  @ApiProperty({ type: BeforeAfterDoc }) readonly quarantineBedDays!: BeforeAfterDoc;
}
class PointOfEntryFiguresDoc extends FiguresDoc {
  @ApiProperty({ example: 'TH-MAESOT' }) readonly pointOfEntry!: string;
}
class WhatIfReportDoc {
  @ApiProperty({ example: 'TH' }) readonly country!: string;
  @ApiProperty({ example: '2026-10-01T00:00:00+07:00' }) readonly from!: string;
  @ApiProperty({ example: '2026-11-01T00:00:00+07:00' }) readonly to!: string;
  @ApiProperty({ type: [PointOfEntryFiguresDoc] }) readonly pointsOfEntry!: PointOfEntryFiguresDoc[];
  @ApiProperty({ type: FiguresDoc }) readonly total!: FiguresDoc;
  @ApiProperty({ example: 4, description: 'Screenings of the period without an outcome: not replayed' }) readonly undecided!: number;
}

/** What-if: how outcomes of a past period would change under a draft policy. Writes nothing. */
@ApiTags('screening policies')
@Controller('screening/what-if')
export class ScreeningWhatIfHttpController {
  constructor(
    private readonly service: ScreeningWhatIfService,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
  ) {}

  @Post()
  @HttpCode(200)
  @Access('screening-policy.what-if')
  @ApiOperation({
    summary: 'Replay the screenings of a period under a draft policy, writing nothing',
    description: 'Reports per point of entry: screenings, outcomes now and under the draft, changed outcomes, referrals and quarantine bed-days.',
  })
  @ApiOkResponse({ type: WhatIfReportDoc })
  @ApiBadRequestResponse({ type: ValidationFailedDoc })
  @ApiUnprocessableEntityResponse({ type: RuleViolationDoc, description: 'policy-discriminates, policy-invalid, policy-of-another-country, point-of-entry-of-another-country' })
  replay(@Body() body: WhatIfRequestDto): Promise<WhatIfReport> {
    const span = Date.parse(body.to) - Date.parse(body.from);
    if (!(span > 0)) throw fieldError('to', 'to must be after from');
    if (span > MAX_PERIOD_MS) throw fieldError('to', 'the period must not be longer than 366 days');
    const draft = { policyId: 'draft', country: body.draft.country, version: 0, effectiveFrom: body.from, rules: body.draft.rules };
    checkPolicyContent({ ...draft, version: 1 });
    if (draft.country !== this.node.country) {
      throw new RuleViolation('policy-of-another-country', `This node replays screenings of ${this.node.country}, not ${draft.country}`);
    }
    for (const code of body.pointsOfEntry ?? []) {
      if (countryOfPointOfEntry(code) !== draft.country) {
        throw new RuleViolation('point-of-entry-of-another-country', `${code} is not a point of entry of ${draft.country}`);
      }
    }
    return this.service.replay(draft, { from: body.from, to: body.to, pointsOfEntry: body.pointsOfEntry });
  }
}
