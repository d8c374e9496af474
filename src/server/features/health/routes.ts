// HTTP: liveness and readiness. 200 only once migrations and seeding are done.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.literal('starting'), phase: z.string() }) },
      },
    },
    async (_request, reply) => {
      if (!app.readiness.isReady) return reply.status(503).send({ status: 'starting' as const, phase: app.readiness.phase });
      return { status: 'ok' as const };
    },
  );
};
