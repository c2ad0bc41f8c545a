// The alert policy as configured: the alert settings of the configuration (cooldown, material rise,
// minimum signal, silence, displacement) and each area's follow-up capacity through its responsible
// union unit (reference data). The thresholds are the model's.
import { areaCapacity, type LrewConfig } from "@lrew/config";
import type { PolicySettings } from "@lrew/scoring";

export function policySettingsOf(alerts: LrewConfig["alerts"], unitOfArea: ReadonlyMap<string, string>): PolicySettings {
  return {
    policy: {
      cooldownDays: alerts.cooldownDays,
      materialRise: alerts.materialRise,
      minSignalContribution: alerts.minSignalContribution,
      displacementRatio: alerts.displacementRatio,
      silentAfterDays: alerts.silentAfterDays,
      notifyLowered: alerts.notifyLowered,
    },
    capacityOf: areaCapacity(alerts.capacity, unitOfArea),
  };
}
