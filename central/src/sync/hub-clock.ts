import { formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '@shared/hub/hlc';

/**
 * This hub instance's hybrid logical clock. Each instance is its own node: instances behind a load
 * balancer need no shared row to stamp changes, and every terminal clock it hears moves it on.
 */
export class HubClock {
  private last: Hlc;

  constructor(
    instanceId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.last = { wall: 0, counter: 0, node: `hub.${instanceId}` };
  }

  tick(): string {
    this.last = tickHlc(this.last, this.now());
    return formatHlc(this.last);
  }

  /** Hears a terminal's clock: what the hub stamps next orders after it. */
  receive(remote: string): void {
    this.last = receiveHlc(this.last, parseHlc(remote), this.now());
  }

  current(): string {
    return formatHlc(this.last);
  }
}
