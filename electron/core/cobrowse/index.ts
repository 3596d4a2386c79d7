import { signedIn } from '../auth';
import type { Handlers } from '../rpc/dispatcher';
import type { HelpDesk } from './help-desk';
import type { RemoteWindows } from './remote-windows';

export { HelpDesk } from './help-desk';
export { RemoteSessionRepository } from './remote-session-repository';
export { RemoteWindows } from './remote-windows';

type RemoteMethods = Extract<keyof Handlers, `help.${string}` | `remote.${string}`>;

/** The remote window: help requests through the hub, and the co-browsing sessions. */
export function remoteHandlers(
  help: HelpDesk,
  windows: RemoteWindows,
): Pick<Handlers, RemoteMethods> {
  return {
    'help.raise': (input, context) => help.raise(input, signedIn(context)),
    'help.mine': () => help.mine(),
    'help.queue': (input) => help.queue(input.departments),
    'help.claim': (input, context) => help.claim(input.id, signedIn(context)),
    'help.askSession': (input, context) => help.askSession(input.id, signedIn(context)),
    'help.post': (input, context) => help.post(input.id, input.text, signedIn(context)),
    'help.close': (input, context) => help.close(input, signedIn(context)),
    'help.stats': (input) => help.stats(input.from, input.to),
    'remote.open': (input, context) => windows.open(input, signedIn(context)),
    'remote.issueJoinCode': (input) => windows.issueJoinCode(input.sessionId),
    'remote.join': (input, context) => windows.join(input, signedIn(context)),
    'remote.active': () => windows.active(),
    'remote.get': (input) => windows.get(input.sessionId),
    'remote.suggest': (input) => windows.suggest(input, false),
    'remote.edit': (input) => windows.suggest(input, true),
    'remote.decide': (input, context) => windows.decide(input, signedIn(context)),
    'remote.grantControl': (input, context) => windows.grantControl(input, signedIn(context)),
    'remote.revokeControl': (input, context) =>
      windows.revokeControl(input.sessionId, signedIn(context)),
    'remote.recordConsent': (input, context) => windows.recordConsent(input, signedIn(context)),
    'remote.withdrawConsent': (input, context) => windows.withdrawConsent(input, signedIn(context)),
    'remote.chat': (input) => windows.chat(input.sessionId, input.text),
    'remote.presence': (input) => {
      windows.presence(input);
      return { ok: true };
    },
    'remote.signal': (input) => {
      windows.signal(input.sessionId, input.signal);
      return { ok: true };
    },
    'remote.end': (input) => windows.end(input.sessionId, input.outcome),
    'remote.shareFile': (input) => windows.shareFile(input),
    'remote.fileContent': (input) => windows.fileContent(input),
    'remote.draw': (input) => {
      windows.draw(input);
      return { ok: true };
    },
    'remote.clearDrawing': (input) => windows.clearDrawing(input),
    'remote.recordIdentityCheck': (input) => windows.recordIdentityCheck(input),
    'remote.keepIdentitySnapshot': (input, context) =>
      windows.keepIdentitySnapshot(input, signedIn(context)),
    'remote.records': (input) => windows.records(input.caseId),
  };
}
