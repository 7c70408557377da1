/** A window length rounded up to the times' resolution, so "within 60 s" means "in the same minute" for minute-stamped exports. */
export function windowMs(seconds: number, resolutionMs: number): number {
  const ms = seconds * 1000;
  return resolutionMs > 1 ? Math.ceil(ms / resolutionMs) * resolutionMs : ms;
}
