import { on } from '../../platform/events/index.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { buildChannels, type ChannelConfig, type Channels } from './channels.ts';
import type { DissuasionOptions } from './context.ts';
import { DissuasionRuntime } from './runtime.ts';

declare module '../../platform/http/app.ts' {
  interface AppDeps {
    /** channels and time limits of the dissuasion workflow; absent = channels off (attempts recorded as failed) */
    dissuasion?: DissuasionOptions & { channels?: ChannelConfig | Channels };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The dissuasion workflow of this node (plugin.ts): its routes, detection (`wireDetection`) and main use it. */
    dissuasion: DissuasionRuntime;
  }
}

const isChannels = (c: ChannelConfig | Channels): c is Channels => typeof (c as Channels).webhook === 'function';

/**
 * The dissuasion workflow as a named plugin: builds the channels and the runtime from `deps.dissuasion`, decorates
 * the app with it (`app.dissuasion`), and ties it to the app's lifecycle — the stored configuration loaded and the
 * scheduler started when the app is ready, every node's configuration kept current by `config.changed`, the
 * scheduler stopped and the SMPP session closed on close. Registered before the routes that use it (server/app.ts).
 */
export const dissuasionPlugin: RouteModule = (app, deps) => {
  const { db } = deps;
  const o = deps.dissuasion ?? {};
  let serverUrl = 'http://127.0.0.1';
  const webhookAllowPrivate = o.webhookAllowPrivate ?? deps.config.webhookAllowPrivate ?? false;
  const channels =
    o.channels && isChannels(o.channels)
      ? o.channels
      : buildChannels(o.channels ?? {}, () => serverUrl, { webhookAllowPrivate });
  const rt = new DissuasionRuntime(db, channels, { ...o, webhookAllowPrivate, log: o.log ?? app.log });
  app.decorate('dissuasion', rt);
  const address = () => {
    const a = app.server.address();
    if (a && typeof a === 'object') serverUrl = `http://127.0.0.1:${a.port}`;
  };
  app.addHook('onReady', async () => {
    address();
    await rt.loadConfig();
    rt.start();
  });
  // a configuration stored by any node (PUT …/config) is in force on this one as soon as it commits
  const offConfig = on('config.changed', async (change, ctx) => {
    if (ctx.db === db && (change === null || change.scope === 'dissuasion')) await rt.loadConfig();
  });
  app.addHook('onListen', async () => address());
  app.addHook('onClose', async () => {
    offConfig();
    await rt.stop();
  });
};
