// The alert policy as configured: the alert settings of the configuration (cooldown, material rise,
// minimum signal, silence, displacement) and the follow-up capacity of each capacity group — the union
// unit responsible for an enterprise on the scoring day, by the effective-dated reference data (else
// its registry area: @lrew/risk capacityGroupOf). The thresholds are the model's.
import { groupCapacity, type LrewConfig } from "@lrew/config";
import type { Responsibility } from "@lrew/reference";
import { capacityGroupOf } from "@lrew/risk";
import type { PolicySettings } from "@lrew/scoring";

export function policySettingsOf(alerts: LrewConfig["alerts"], responsibility: Responsibility): PolicySettings {
  return {
    policy: {
      cooldownDays: alerts.cooldownDays,
      materialRise: alerts.materialRise,
      minSignalContribution: alerts.minSignalContribution,
      displacementRatio: alerts.displacementRatio,
      silentAfterDays: alerts.silentAfterDays,
      notifyLowered: alerts.notifyLowered,
    },
    capacityOf: groupCapacity(alerts.capacity),
    groupOf: (e, asOf) => capacityGroupOf(responsibility.responsibleUnit(e, asOf), e.area_code),
  };
}
