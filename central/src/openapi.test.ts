import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hubRoutes } from '@shared/hub/routes';
import { HUB_VERSION } from './version';
import { hubOpenApi } from './openapi';

describe('the published OpenAPI document', () => {
  it('is the one the route table generates (run `npm run docs:hub` after changing the API)', () => {
    const published = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../docs/hub-openapi.json'), 'utf8'),
    ) as unknown;
    expect(published).toEqual(hubOpenApi(HUB_VERSION));
  });

  it('describes every route with its body and answer', () => {
    const document = hubOpenApi(HUB_VERSION) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: object }>>;
    };
    for (const route of Object.values(hubRoutes)) {
      const path = route.path.replace(/:([a-zA-Z]+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, route.path).toBeDefined();
      if ('body' in route) expect(operation?.requestBody, route.path).toBeDefined();
    }
  });
});
