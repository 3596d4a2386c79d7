/** The state of the link between the renderer and the engine, shown in the status bar. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ConnectionMonitor {
  getState(): ConnectionState;
  subscribeState(listener: () => void): () => void;
}

/** The desktop bridge is a message port owned by the shell: it is open while the page lives. */
export const alwaysOpen: ConnectionMonitor = {
  getState: () => 'open',
  subscribeState: () => () => undefined,
};
