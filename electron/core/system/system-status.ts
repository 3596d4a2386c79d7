import type { ModelStatus, SystemStatus } from '@shared/api';
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/migrations';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository';

export interface EngineIdentity {
  version: string;
  mode: 'desktop' | 'browser';
  startedAt: string;
}

/** What the status bar shows: engine, database, model, network and knowledge. */
export function readSystemStatus(
  db: Db,
  knowledge: KnowledgeRepository,
  identity: EngineIdentity,
  model: ModelStatus,
  network: SystemStatus['network'],
): SystemStatus {
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return {
    engine: { ...identity, pid: process.pid },
    database: {
      ok: true,
      schemaVersion: schemaVersion(db),
      sizeBytes: pageCount * pageSize,
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
    },
    model: modelSummary(model),
    network,
    knowledge: knowledge.counts(),
  };
}

/** The status bar's one-word model state: loaded, loading, installed but idle, or none. */
function modelSummary(model: ModelStatus): SystemStatus['model'] {
  if (model.state === 'ready') {
    return { state: 'loaded', name: model.loaded?.name ?? model.loaded?.fileName ?? null };
  }
  if (model.state === 'loading') return { state: 'loading', name: null };
  if (model.state === 'error' || model.state === 'crashed') {
    return { state: 'error', name: model.problem };
  }
  const chat = model.installed.find((file) => file.purpose !== 'embedding');
  return chat ? { state: 'available', name: chat.fileName } : { state: 'none', name: null };
}
