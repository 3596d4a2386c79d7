import { contextBridge, ipcRenderer } from 'electron';
import {
  ApiError,
  createBangbanBridge,
  type BangbanBridge,
  type EventName,
  type MethodName,
  type ResponseEnvelope,
} from '@shared/api';

/**
 * Exposes one named, typed bridge (`window.bangban`) over the MessagePort the main process hands
 * us. It checks nothing itself: the engine validates every request.
 */
let port: MessagePort | undefined;
let nextId = 1;
const pending = new Map<number, (response: ResponseEnvelope) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const waiting: (() => void)[] = [];

function failPending(): void {
  for (const [id, resolve] of pending) {
    resolve({
      type: 'response',
      id,
      ok: false,
      error: new ApiError('ENGINE_UNAVAILABLE', {
        message: { zh: '引擎已重启，请重试', en: 'The engine restarted; please retry' },
      }).toValue(),
    });
  }
  pending.clear();
}

let ports = 0;

ipcRenderer.on('bangban:engine-port', (event) => {
  failPending();
  ports += 1;
  port = event.ports[0];
  if (!port) return;
  port.onmessage = ({
    data,
  }: MessageEvent<ResponseEnvelope | { type: 'event'; event: string; payload: unknown }>) => {
    if (data.type === 'response') {
      pending.get(data.id)?.(data);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  };
  port.start();
  // After a restart the new engine knows no session on this port: let the renderer resume it.
  if (ports > 1) for (const listener of listeners.get('engine.reconnected') ?? []) listener({});
  for (const resume of waiting.splice(0)) resume();
});

async function request(method: MethodName, input: unknown): Promise<ResponseEnvelope> {
  if (!port) await new Promise<void>((resolve) => waiting.push(resolve));
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    port?.postMessage({ type: 'request', id, method, input });
  });
}

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  const set = listeners.get(event) ?? new Set();
  listeners.set(event, set);
  set.add(listener);
  return () => set.delete(listener);
}

// The one shell capability beside the engine: printing the page to PDF (a fixed channel whose
// handler only answers our own pages).
const bridge: BangbanBridge = {
  ...createBangbanBridge(request, subscribe),
  printToPdf: (fileName) =>
    ipcRenderer.invoke('bangban:print-to-pdf', fileName) as Promise<{ path: string | null }>,
};
contextBridge.exposeInMainWorld('bangban', bridge);
