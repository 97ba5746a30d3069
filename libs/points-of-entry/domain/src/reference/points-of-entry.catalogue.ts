import type { GmsCountry, PointOfEntryKind } from './codes';

/** A point of entry as the reference catalogue knows it. */
export interface PointOfEntryRef {
  readonly code: string;
  readonly name: string;
  readonly country: GmsCountry;
  readonly kind: PointOfEntryKind;
  /** First-level subdivision it lies in (quarantine placement prefers centres of the same province). */
  readonly province: string;
  /** The point of entry across the border, for paired land crossings. */
  readonly pairedWith: string | null;
}

/**
 * Real paired crossings of the subregion (DOMAIN.md). A seed catalogue until points of entry are
 * registered by events; codes are `<country>-<place>`.
 */
export const POINTS_OF_ENTRY: readonly PointOfEntryRef[] = [
  { code: 'TH-MAESOT', name: 'Mae Sot', country: 'TH', province: 'Tak', kind: 'land', pairedWith: 'MM-MYAWADDY' },
  { code: 'MM-MYAWADDY', name: 'Myawaddy', country: 'MM', province: 'Kayin', kind: 'land', pairedWith: 'TH-MAESOT' },
  { code: 'TH-ARANYAPRATHET', name: 'Aranyaprathet', country: 'TH', province: 'Sa Kaeo', kind: 'land', pairedWith: 'KH-POIPET' },
  { code: 'KH-POIPET', name: 'Poipet', country: 'KH', province: 'Banteay Meanchey', kind: 'land', pairedWith: 'TH-ARANYAPRATHET' },
  { code: 'TH-NONGKHAI', name: 'Nong Khai (Friendship Bridge)', country: 'TH', province: 'Nong Khai', kind: 'land', pairedWith: 'LA-VIENTIANE' },
  { code: 'LA-VIENTIANE', name: 'Vientiane (Friendship Bridge)', country: 'LA', province: 'Vientiane Capital', kind: 'land', pairedWith: 'TH-NONGKHAI' },
  { code: 'TH-MUKDAHAN', name: 'Mukdahan', country: 'TH', province: 'Mukdahan', kind: 'land', pairedWith: 'LA-SAVANNAKHET' },
  { code: 'LA-SAVANNAKHET', name: 'Savannakhet', country: 'LA', province: 'Savannakhet', kind: 'land', pairedWith: 'TH-MUKDAHAN' },
  { code: 'CN-MOHAN', name: 'Mohan', country: 'CN', province: 'Yunnan', kind: 'land', pairedWith: 'LA-BOTEN' },
  { code: 'LA-BOTEN', name: 'Boten', country: 'LA', province: 'Luang Namtha', kind: 'land', pairedWith: 'CN-MOHAN' },
  { code: 'CN-HEKOU', name: 'Hekou', country: 'CN', province: 'Yunnan', kind: 'land', pairedWith: 'VN-LAOCAI' },
  { code: 'VN-LAOCAI', name: 'Lao Cai', country: 'VN', province: 'Lao Cai', kind: 'land', pairedWith: 'CN-HEKOU' },
  { code: 'VN-MOCBAI', name: 'Moc Bai', country: 'VN', province: 'Tay Ninh', kind: 'land', pairedWith: 'KH-BAVET' },
  { code: 'KH-BAVET', name: 'Bavet', country: 'KH', province: 'Svay Rieng', kind: 'land', pairedWith: 'VN-MOCBAI' },
  { code: 'CN-RUILI', name: 'Ruili', country: 'CN', province: 'Yunnan', kind: 'land', pairedWith: 'MM-MUSE' },
  { code: 'MM-MUSE', name: 'Muse', country: 'MM', province: 'Shan', kind: 'land', pairedWith: 'CN-RUILI' },
  { code: 'TH-BKK-SUVARNABHUMI', name: 'Suvarnabhumi Airport, Bangkok', country: 'TH', province: 'Samut Prakan', kind: 'air', pairedWith: null },
];

const byCode = new Map(POINTS_OF_ENTRY.map((poe) => [poe.code, poe]));

export function findPointOfEntry(code: string): PointOfEntryRef | undefined {
  return byCode.get(code);
}
