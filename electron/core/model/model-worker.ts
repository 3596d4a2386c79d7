import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { ModelHost } from './model-host';
import type { WorkerPort } from './model-host';
import type { WorkerEvent } from './model-protocol';

/**
 * Entry of the model process (built to out/main/model-worker.js). The engine forks it as a Node
 * child; the desktop shell may start it as an Electron utilityProcess instead. Both hand messages
 * over a port, so the host only sees `WorkerPort`.
 */
interface ParentPortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentPort(): WorkerPort {
  const electronPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
  if (electronPort)
    return {
      post: (event: WorkerEvent) => {
        electronPort.postMessage(event);
      },
      onMessage: (listener) => {
        electronPort.on('message', ({ data }) => {
          listener(data);
        });
      },
    };
  const send = process.send?.bind(process);
  if (!send) {
    process.stderr.write('The model worker is started by the engine, not run directly.\n');
    process.exit(2);
  }
  // A forked child outlives a killed parent unless it leaves with it: never leave an orphan
  // holding a gigabyte of model.
  process.on('disconnect', () => {
    process.exit(0);
  });
  return {
    post: (event: WorkerEvent) => {
      send(event);
    },
    onMessage: (listener) => {
      process.on('message', listener);
    },
  };
}

new ModelHost(parentPort(), {
  // The prebuilt CPU binary from @node-llama-cpp/<platform>: never compile (the hall PCs have no
  // compiler) and never download llama.cpp (they may have no internet). maxThreads 0 lets each
  // context use exactly the threads the engine asked for.
  loadLlama: () =>
    getLlama({
      gpu: false,
      build: 'never',
      skipDownload: true,
      maxThreads: 0,
      logLevel: LlamaLogLevel.error,
    }),
  probeLlama: () =>
    getLlama({
      gpu: 'auto',
      build: 'never',
      skipDownload: true,
      maxThreads: 0,
      logLevel: LlamaLogLevel.error,
    }),
  now: () => performance.now(),
}).start();
