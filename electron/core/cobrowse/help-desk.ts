import type { HelpRequest, HelpRequestList, HelpStatsRow, ParsedInput } from '@shared/api';
import { maskNumbersInText } from '@shared/domain/masking';
import type { HubActor } from '@shared/hub/remote';
import type { SignedInUser } from '../auth/auth-service';
import type { CaseService } from '../cases/case-service';
import type { SyncService } from '../sync';

/** The signed-in user as the hub knows people: by username, name and role. */
export function actorOf(user: SignedInUser): HubActor {
  return { username: user.username, displayName: user.displayName, role: user.role };
}

/**
 * Help requests (帮办请求) through the hub: a clerk raises one from a case (only its reference
 * and matter travel), experts see their departments' queue and take one, both sides chat, and
 * either closes it. Every call needs the hub: offline, the clerk is told so at once.
 */
export class HelpDesk {
  constructor(
    private readonly sync: SyncService,
    private readonly cases: CaseService,
  ) {}

  raise(input: ParsedInput<'help.raise'>, user: SignedInUser): Promise<HelpRequest> {
    const detail = this.cases.get(input.caseId);
    return this.sync.callHub('raiseHelpRequest', {
      body: {
        caseRef: {
          caseId: detail.id,
          reference: detail.reference,
          matterCode: detail.matter.code,
          matterName: detail.matter.name,
          department: detail.matter.department,
        },
        // What leaves the hall is masked here: an ID or phone number typed into the question too.
        question: maskNumbersInText(input.question),
        urgency: input.urgency,
        requester: actorOf(user),
      },
    });
  }

  mine(): Promise<HelpRequestList> {
    return this.sync.callHub('myHelpRequests', {});
  }

  queue(departments: string[]): Promise<HelpRequestList> {
    return this.sync.callHub('helpQueue', { query: { department: departments } });
  }

  claim(id: string, user: SignedInUser): Promise<HelpRequest> {
    return this.sync.callHub('claimHelpRequest', {
      params: { id },
      body: { expert: actorOf(user) },
    });
  }

  askSession(id: string, user: SignedInUser): Promise<HelpRequest> {
    return this.sync.callHub('askSession', { params: { id }, body: { expert: actorOf(user) } });
  }

  post(id: string, text: string, user: SignedInUser): Promise<HelpRequest> {
    const side = user.role === 'remote_expert' ? 'expert' : 'clerk';
    return this.sync.callHub('postHelpMessage', {
      params: { id },
      // The clerk's side holds the applicant's data; the expert's numbers (a hotline) stay.
      body: {
        author: actorOf(user),
        side,
        text: side === 'clerk' ? maskNumbersInText(text) : text,
      },
    });
  }

  close(input: ParsedInput<'help.close'>, user: SignedInUser): Promise<HelpRequest> {
    return this.sync.callHub('closeHelpRequest', {
      params: { id: input.id },
      body: { actor: actorOf(user), outcome: input.outcome, note: input.note },
    });
  }

  stats(from: string, to: string): Promise<HelpStatsRow[]> {
    return this.sync.callHub('helpStats', { query: { from, to } });
  }
}
