import { hubModelSchema, type HubModel } from '@shared/hub/admin';
import type { Change } from '@shared/hub/protocol';
import type { Db } from '../db/connection';
import type { StreamApplier } from './stream-applier';

/** The model files the hub offers: the model screen lists them beside the recommended ones. */
export class ModelStream implements StreamApplier {
  readonly stream = 'models' as const;

  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  apply(changes: Change[], reset: boolean): void {
    if (reset) this.db.prepare('DELETE FROM hub_models').run();
    for (const change of changes) {
      const id = change.key.replace(/^model:/, '');
      if (change.op === 'delete') this.db.prepare('DELETE FROM hub_models WHERE id = ?').run(id);
      else
        this.db
          .prepare(
            `INSERT INTO hub_models (id, manifest, received_at) VALUES (?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET manifest = excluded.manifest, received_at = excluded.received_at`,
          )
          .run(id, JSON.stringify(change.data), this.now());
    }
  }
}

/** The model files the hub offers, as last pulled. */
export function hubModelOffers(db: Db): HubModel[] {
  return (
    db.prepare('SELECT manifest FROM hub_models ORDER BY id').all() as { manifest: string }[]
  ).flatMap((row) => {
    const parsed = hubModelSchema.safeParse(JSON.parse(row.manifest));
    return parsed.success ? [parsed.data] : [];
  });
}
