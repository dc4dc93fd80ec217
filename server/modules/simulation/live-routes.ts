// GET /api/v1/demo/clock: the live demo city's clock for the boards. Registered only when the demo runs
// (main.ts passes this module to createApp), so a production server has no such route.
import { Type } from 'typebox';
import type { RouteModule } from '../../platform/http/app.ts';
import type { LiveDemo } from './live.ts';

const Clock = Type.Object({
  running: Type.Boolean(),
  cityTime: Type.String({ description: 'the simulated city time, ISO 8601 +08:00' }),
  speed: Type.Number({ description: 'city seconds per wall-clock second' }),
  eventsSent: Type.Integer(),
  round: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
});

export function demoClockRoutes(demo: LiveDemo): RouteModule {
  return (app) => {
    app.get('/api/v1/demo/clock', { schema: { tags: ['demo'], response: { 200: Clock } } }, async () => demo.clock());
  };
}
