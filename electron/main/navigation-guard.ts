/** The renderer's own origin in the desktop app (a custom protocol, never file://). */
export const APP_ORIGIN = 'bangban://app';

/**
 * Whether the window may navigate to `target`: only within the app's origin, judged by a real
 * URL parser so look-alike hosts, userinfo tricks and other schemes are all refused.
 */
export function isAppNavigation(target: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  return (
    url.protocol === 'bangban:' && url.host === 'app' && url.username === '' && url.password === ''
  );
}
