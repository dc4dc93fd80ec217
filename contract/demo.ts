import { Type, type Static } from 'typebox';

// The live demo (`npm start -- --demo`): the simulated city's state for the header. There is one clock in the
// demo, the wall clock: the city runs `speed` times faster, but everything it sends is stamped in real time, so
// this reports that the city runs, not a second time.

export const DemoClock = Type.Object(
  {
    running: Type.Boolean(),
    startedAt: Type.String({
      description: 'when the live city started, ISO 8601 +08:00 (wall clock); its events are stamped from here on',
    }),
    speed: Type.Number({ description: 'how much faster the city runs than the wall clock (city seconds per second)' }),
    eventsSent: Type.Integer({ description: 'events the city has sent to ingest so far' }),
    round: Type.Integer({ description: 'the city round (a new city starts when one ends)' }),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'the last ingest failure, if not recovered' }),
  },
  { additionalProperties: false },
);
export type DemoClock = Static<typeof DemoClock>;
