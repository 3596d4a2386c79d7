import type { Handlers } from '../rpc/dispatcher';
import type { ModelService } from './model-service';

export function modelHandlers(
  models: ModelService,
): Pick<
  Handlers,
  'models.status' | 'models.install' | 'models.installFromHub' | 'models.load' | 'models.unload'
> {
  return {
    'models.status': () => models.status(),
    // Copy progress goes to the window that asked; load progress reaches every window through
    // the status broadcast.
    'models.install': (input, context) =>
      models.install(input, (progress) => {
        context.connection.send({
          type: 'event',
          event: 'models.progress',
          payload: {
            phase: 'install',
            fileName: input.fileName ?? input.url ?? input.sourcePath ?? '',
            progress,
          },
        });
      }),
    'models.installFromHub': (input, context) =>
      models.installFromHub(input.id, (progress) => {
        context.connection.send({
          type: 'event',
          event: 'models.progress',
          payload: { phase: 'install', fileName: input.id, progress },
        });
      }),
    'models.load': (input) => models.load(input),
    'models.unload': (input) => models.unload(input),
  };
}
