import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { contentSecurityPolicy } from '@shared/security/content-security-policy';
import { HubApiError } from './http/hub-error';

/**
 * Headers on every answer under /console/: the renderer's own policy (scripts only from the hub
 * itself, no inline script or eval; inline styles for antd; requests only to this origin), and no
 * framing, sniffing or referrer, so an administrator's session cannot be borrowed by another page.
 */
const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Vite names its assets by content hash: they never change; index.html must always be fresh. */
function cacheControl(path: string): string {
  return path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable';
}

function sendIndex(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .sendFile('index.html');
}

/**
 * Serves the administrator console (central/console, built to out/hub/console) under /console/,
 * and sends a visit to the hub's root there. A page address inside the console (no file
 * extension) gets index.html; a missing asset is a plain 404. Returns false, serving nothing,
 * when the console was not built: the API works without it.
 */
export async function registerConsole(app: FastifyInstance, dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  await app.register(
    async (scope) => {
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.headers(securityHeaders);
        return payload;
      });
      await scope.register(fastifyStatic, {
        root: dir,
        prefix: '/',
        index: ['index.html'],
        cacheControl: false,
        setHeaders: (response, path) => {
          response.setHeader('cache-control', cacheControl(path));
        },
      });
      // Within the /console prefix, `/` matches both /console and /console/: only the latter
      // resolves the assets' relative paths, so the former is sent there.
      scope.get('/', (request, reply) =>
        request.url.split('?')[0]?.endsWith('/') ? sendIndex(reply) : reply.redirect('/console/'),
      );
      scope.setNotFoundHandler((request, reply) => {
        const last = (request.url.split('?')[0] ?? '').split('/').pop() ?? '';
        if (request.method === 'GET' && !last.includes('.')) return sendIndex(reply);
        return reply.status(404).send(new HubApiError('NOT_FOUND').body);
      });
    },
    { prefix: '/console' },
  );
  app.get('/', (_request, reply) => reply.redirect('/console/'));
  return true;
}
