import { z } from 'zod';
import { iceServerSchema, type IceServer } from '@shared/hub/remote';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HubConfig {
  /** The hub's folder: PGlite's database (when no DATABASE_URL), model files. */
  dataDir: string;
  /** A PostgreSQL server; PGlite in the data folder when absent. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** Knowledge files published on the first start (the same seed the terminals ship). */
  seedKnowledgeDir: string | undefined;
  /** Holiday arrangements published on the first start (resources/calendar). */
  seedCalendarDir: string | undefined;
  /** Model files offered to terminals; shared storage when several instances run. */
  modelsDir: string;
  logLevel: string;
  /** Browser origins allowed to open the co-browsing relay (HUB_RELAY_ORIGINS, comma-separated). */
  relayOrigins: string[];
  /** STUN/TURN servers for remote-window calls (HUB_ICE_SERVERS, a JSON array). */
  iceServers: IceServer[];
}

/** A malformed setting stops the hub at start with the reason, not a call that fails later. */
function parseIceServers(value: string | undefined): IceServer[] {
  if (value === undefined || value.trim() === '') return [];
  const parsed = z.array(iceServerSchema).safeParse(JSON.parse(value));
  if (!parsed.success) throw new Error(`HUB_ICE_SERVERS is not valid: ${parsed.error.message}`);
  return parsed.data;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** From the environment, with defaults that run one county's hub on one box. */
export function hubConfigFrom(env: NodeJS.ProcessEnv): HubConfig {
  return {
    dataDir: resolve(env.HUB_DATA_DIR ?? join(projectRoot, 'hub-data')),
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
    host: env.HUB_HOST ?? '127.0.0.1',
    port: Number(env.HUB_PORT ?? 8780),
    seedKnowledgeDir:
      env.HUB_SEED_KNOWLEDGE === ''
        ? undefined
        : (env.HUB_SEED_KNOWLEDGE ?? join(projectRoot, 'resources', 'knowledge')),
    seedCalendarDir:
      env.HUB_SEED_CALENDAR === ''
        ? undefined
        : (env.HUB_SEED_CALENDAR ?? join(projectRoot, 'resources', 'calendar')),
    modelsDir: resolve(
      env.HUB_MODELS_DIR ?? join(env.HUB_DATA_DIR ?? join(projectRoot, 'hub-data'), 'models'),
    ),
    logLevel: env.HUB_LOG_LEVEL ?? 'info',
    relayOrigins: (env.HUB_RELAY_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
    iceServers: parseIceServers(env.HUB_ICE_SERVERS),
  };
}
