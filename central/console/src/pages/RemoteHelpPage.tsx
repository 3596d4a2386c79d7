import { HelpIndicatorsSection } from './HelpIndicatorsSection';
import { HelpRequestsSection } from './HelpRequestsSection';
import { RemoteSessionsSection } from './RemoteSessionsSection';

/**
 * 远程帮办: how the remote window serves the halls — the "021" indicators per department and day,
 * the help requests with their threads, and the remote sessions with who was in them.
 */
export function RemoteHelpPage() {
  return (
    <div className="page" data-testid="remote-page">
      <HelpIndicatorsSection />
      <HelpRequestsSection />
      <RemoteSessionsSection />
    </div>
  );
}
