import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SystemStatus } from '@shared/api';
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/migrations';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository';

export interface EngineIdentity {
  version: string;
  mode: 'desktop' | 'browser';
  startedAt: string;
}

/** The GGUF files installed in the data folder's models/ (weights are never shipped). */
export function installedModels(dataDir: string): string[] {
  const folder = join(dataDir, 'models');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.gguf'))
    .sort();
}

/** What the status bar shows: engine, database, model, network and knowledge. */
export function readSystemStatus(
  db: Db,
  knowledge: KnowledgeRepository,
  identity: EngineIdentity,
  dataDir: string,
): SystemStatus {
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const models = installedModels(dataDir);
  return {
    engine: { ...identity, pid: process.pid },
    database: {
      ok: true,
      schemaVersion: schemaVersion(db),
      sizeBytes: pageCount * pageSize,
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
    },
    // Loading a model is the copilot's job (its own process); here we only report presence.
    model: { state: models.length > 0 ? 'available' : 'none', name: models[0] ?? null },
    network: { state: 'not_configured', hubUrl: null },
    knowledge: knowledge.counts(),
  };
}
