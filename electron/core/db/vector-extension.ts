import { sep } from 'node:path';
import { getLoadablePath } from 'sqlite-vec';
import type { Db } from './connection';

/** Whether this store can hold and search vectors (the sqlite-vec extension), and if not, why. */
export type VectorSupport =
  { available: true; version: string } | { available: false; reason: string };

/**
 * Loads sqlite-vec into the connection. It ships as a native library per platform (optional npm
 * packages); where none fits (an unusual CPU, a package left out) this says why instead of
 * throwing: knowledge search then stays BM25 only, which is how every hall works without an
 * embedding model anyway.
 */
export function loadVectorExtension(
  db: Db,
  libraryPath: () => string = getLoadablePath,
): VectorSupport {
  try {
    // In the packaged app the library is unpacked beside app.asar (electron-builder.yml): SQLite
    // opens it with the system's loader, which cannot read from inside the archive.
    const path = libraryPath().replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
    db.loadExtension(path);
    const { version } = db.prepare('SELECT vec_version() AS version').get() as { version: string };
    return { available: true, version };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
