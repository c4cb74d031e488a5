/**
 * Level labels that mean one administrative tier whatever the unit's kind. Levels are free labels
 * (DOMAIN.md §4), but the commune tier has four kinds since the 2025 reform kept xã, phường and
 * đặc khu (and older trees still hold thị trấn): a directive "to every commune-level unit" must reach
 * all four, so a selector names the tier instead of guessing the label.
 */
export const TIER_LEVELS = {
  /** Xã (commune), phường (ward), thị trấn (township), đặc khu (special zone). */
  commune: ['commune', 'ward', 'township', 'special_zone'],
} as const satisfies Record<string, readonly string[]>;

export type Tier = keyof typeof TIER_LEVELS;
