/** What a quarantine centre has room for; a stay occupies one place of one category. */
export const CAPACITY_CATEGORIES = ['adults', 'families', 'isolation-rooms', 'children-with-guardian'] as const;
export type CapacityCategory = (typeof CAPACITY_CATEGORIES)[number];

/** Places by category (whole numbers, zero when the centre does not offer the category). */
export type Capacity = Readonly<Record<CapacityCategory, number>>;

export const emptyCapacity = (): Capacity => ({ adults: 0, families: 0, 'isolation-rooms': 0, 'children-with-guardian': 0 });
