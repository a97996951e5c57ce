/** NAB's cost matrices (config/profiles.json). */
export interface NabProfile {
  tpWeight: number;
  fnWeight: number;
  fpWeight: number;
}

export const NabProfiles = {
  standard: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11 },
  reward_low_FP_rate: { tpWeight: 1, fnWeight: 1, fpWeight: 0.22 },
  reward_low_FN_rate: { tpWeight: 1, fnWeight: 2, fpWeight: 0.11 },
} satisfies Record<string, NabProfile>;

export type NabProfileName = keyof typeof NabProfiles;

export const NAB_PROFILE_NAMES = Object.keys(NabProfiles) as NabProfileName[];
