import type { BangbanBridge } from '@shared/api/client';

declare global {
  interface Window {
    /** The typed engine bridge exposed by the desktop preload; absent in browser mode. */
    bangban?: BangbanBridge;
  }
}
