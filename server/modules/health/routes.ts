import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { RouteModule } from '../../platform/http/app.ts';

const startedAt = Date.now();

export const healthRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/v1/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok'), uptimeSec: Type.Integer() }),
          503: Type.Object({ status: Type.Literal('degraded'), database: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await db.execute(sql`select 1`);
        return {
          status: 'ok' as const,
          database: 'ok' as const,
          uptimeSec: Math.floor((Date.now() - startedAt) / 1000),
        };
      } catch (err) {
        return reply.status(503).send({ status: 'degraded', database: (err as Error).message.slice(0, 200) });
      }
    },
  );
};
