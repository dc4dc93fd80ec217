// GET /api/v1/demo/clock: the live demo city's state for the header (running, speed, events sent). Registered only
// when the demo runs (main.ts passes this module to createApp), so a production server has no such route.
import { DemoClock } from '../../../contract/demo.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import type { LiveDemo } from './live.ts';

export function demoClockRoutes(demo: LiveDemo): RouteModule {
  return (app) => {
    app.get(
      '/api/v1/demo/clock',
      {
        schema: {
          tags: ['demo'],
          operationId: 'getDemoClock',
          summary: 'The live demo city: running, speed-up and events sent (one clock: events carry real time)',
          response: { 200: DemoClock },
        },
      },
      async () => demo.clock(),
    );
  };
}
