/** ISO 3166-1 alpha-2 codes (officially assigned), for nationality and country fields. */
export const ISO_COUNTRIES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** The Greater Mekong Subregion: Cambodia, Lao PDR, Myanmar, Thailand, Viet Nam, China (Yunnan, Guangxi). */
export const GMS_COUNTRIES = ['KH', 'LA', 'MM', 'TH', 'VN', 'CN'] as const;
export type GmsCountry = (typeof GMS_COUNTRIES)[number];

export const DIRECTIONS = ['entry', 'exit'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How the traveller crossed: the document or channel used, or none when an irregular crossing was detected. */
export const CHANNELS = ['passport-visa', 'visa-exemption', 'border-pass', 'mou-work-permit', 'irregular'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PURPOSES = ['work', 'return', 'tourism', 'trade', 'family', 'transit', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Sex as recorded on the document or stated; `x` for neither, `unknown` when not recorded. */
export const SEXES = ['female', 'male', 'x', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** Age bands used for disaggregated statistics; a date of birth never leaves the node. */
export const AGE_BANDS = ['0-4', '5-11', '12-17', '18-24', '25-34', '35-49', '50-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const POE_KINDS = ['land', 'air', 'sea'] as const;
export type PointOfEntryKind = (typeof POE_KINDS)[number];
