import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * `models/manifest.json`: the models the project recommends. Weights are never committed; halls
 * get them from the hub or an admin copies the file, and the installer checks it against the
 * sha256 here once the hub has approved a file (null until then).
 */
export const manifestModel = z.strictObject({
  /** Stable id, used in settings and by the hub. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, . _ -'),
  name: z.string().min(1),
  /** File name inside <data folder>/models/: no folders, so an entry cannot point elsewhere. */
  file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/, 'a plain file name ending in .gguf'),
  purpose: z.enum(['chat', 'embedding']),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits')
    .nullable(),
  licence: z.string().min(1),
  /** Total RAM the PC needs for the model, the engine and the UI together. */
  minimumRamGiB: z.number().positive(),
  contextLength: z.number().int().positive(),
  approxSizeMiB: z.number().positive(),
});
export type ManifestModel = z.infer<typeof manifestModel>;

export const modelManifest = z.strictObject({
  $comment: z.string().optional(),
  formatVersion: z.literal(1),
  models: z
    .array(manifestModel)
    .refine(
      (models) => new Set(models.map((model) => model.id)).size === models.length,
      'model ids must be unique',
    ),
});
export type ModelManifest = z.infer<typeof modelManifest>;

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Parses manifest text; the error names the file and the first problem's path. */
export function parseModelManifest(text: string, source = 'manifest.json'): ModelManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(
      `${source}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = modelManifest.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new ManifestError(
      `${source}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

export function loadModelManifest(path: string): ModelManifest {
  return parseModelManifest(readFileSync(path, 'utf8'), path);
}

export function findManifestModel(manifest: ModelManifest, id: string): ManifestModel | undefined {
  return manifest.models.find((model) => model.id === id);
}
