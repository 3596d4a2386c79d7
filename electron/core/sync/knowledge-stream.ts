import type { Change } from '@shared/hub/protocol';
import { KNOWLEDGE_FORMAT, KNOWLEDGE_FORMAT_VERSION } from '@shared/knowledge/format';
import type { KnowledgeImporter } from '../knowledge';
import type { StreamApplier } from './stream-applier';

/**
 * The hub's catalogue and knowledge base (the hub wins): each page becomes one import through
 * the same importer as a file, so items are checked, versioned and indexed the same way, and an
 * item with a later effective date is kept and takes effect on its date.
 */
export class KnowledgeStream implements StreamApplier {
  readonly stream = 'knowledge' as const;

  constructor(
    private readonly importer: KnowledgeImporter,
    /** The same upkeep as after a file import: caches dropped, new entries embedded. */
    private readonly onImported: () => void,
  ) {}

  apply(changes: Change[]): void {
    const file = {
      format: KNOWLEDGE_FORMAT,
      formatVersion: KNOWLEDGE_FORMAT_VERSION,
      matters: [] as unknown[],
      policies: [] as unknown[],
      qa: [] as unknown[],
    };
    for (const change of changes) {
      if (change.op !== 'upsert') continue;
      const kind = change.key.slice(0, change.key.indexOf(':'));
      if (kind === 'matter') file.matters.push(change.data);
      else if (kind === 'policy') file.policies.push(change.data);
      else if (kind === 'qa') file.qa.push(change.data);
    }
    if (file.matters.length + file.policies.length + file.qa.length === 0) return;
    this.importer.import({
      fileName: 'hub:knowledge',
      content: JSON.stringify(file),
      dryRun: false,
      importedBy: 'hub',
    });
  }

  afterCommit(): void {
    this.onImported();
  }
}
