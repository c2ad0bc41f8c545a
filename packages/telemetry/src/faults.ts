// Fault points for the reliability tests (sink, notifier, …): `LREW_FAULT=<point>:<n>` makes this process die with
// SIGKILL the n-th time it reaches <point>, exactly as a power cut or an OOM kill would. Unset in
// normal operation, where this costs one comparison.
const spec = process.env.LREW_FAULT;
const [faultName, faultCount] = spec ? spec.split(":") : [];
let remaining = Number(faultCount ?? 1);

export function faultPoint(name: string): void {
  if (faultName !== name) return;
  remaining -= 1;
  if (remaining <= 0) process.kill(process.pid, "SIGKILL");
}
