/**
 * Sites a link in the app may open in the system browser: government portals and the State
 * Council's policy library, by exact host or subdomain, over https only. Anything else (other
 * schemes, look-alike hosts, credentials in the URL) stays closed.
 */
const ALLOWED_DOMAINS = ['gov.cn'];

export function isAllowedExternalLink(target: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  if (url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return ALLOWED_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
