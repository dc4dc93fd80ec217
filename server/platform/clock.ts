// The time port: a service reads the time from a clock it is given (milliseconds since the epoch) rather than from
// the system, so a test or the demo's simulated city can set it. Wired once: the dissuasion runtime's `now`, the
// orders runtime's `clock`; plain service functions take one as their last argument, the system's by default.
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
/** The same clock as a `Date` maker, for services that take `() => Date`. */
export const dateClock =
  (clock: Clock = systemClock): (() => Date) =>
  () =>
    new Date(clock());
