/**
 * The renderer's Content-Security-Policy, one for both shells: scripts only from the app itself
 * (no inline, no eval), styles inline for antd's CSS-in-JS, sockets only to the given origin.
 */
export function contentSecurityPolicy(options: { socketOrigin?: string } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.socketOrigin ? ` ${options.socketOrigin}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
