/**
 * Waits for a payment result without hammering the gateway: the channel's notification usually
 * lands within a second or two, the reconciler's active query much later, so polls start fast and
 * back off, and stop for good after `totalMs` (the page then shows the last known state).
 */
export interface PollOptions {
  firstDelayMs?: number;
  factor?: number;
  maxDelayMs?: number;
  totalMs?: number;
}

/** Delays between polls: first, first×factor, … capped at maxDelayMs, summing to at most totalMs. */
export function backoffDelays({ firstDelayMs = 1000, factor = 1.5, maxDelayMs = 5000, totalMs = 60_000 }: PollOptions = {}): number[] {
  const delays: number[] = [];
  let next = firstDelayMs;
  let sum = 0;
  while (sum + next <= totalMs) {
    delays.push(next);
    sum += next;
    next = Math.min(Math.round(next * factor), maxDelayMs);
  }
  return delays;
}

/**
 * Calls `check` after each delay until it returns true (final state reached) or the delays run out;
 * then `onGiveUp` runs (not after success or stop). Returns `stop`, for unmount.
 */
export function startPolling(check: () => Promise<boolean>, onGiveUp: () => void, options?: PollOptions): () => void {
  const delays = backoffDelays(options);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const step = (index: number) => {
    if (stopped) return;
    if (index >= delays.length) {
      onGiveUp();
      return;
    }
    timer = setTimeout(async () => {
      // A failed poll (network blip) counts as "not yet": the next one tries again.
      const done = await check().catch(() => false);
      if (!done) step(index + 1);
    }, delays[index]);
  };
  step(0);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
