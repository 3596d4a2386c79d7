import { signedIn } from '../auth';
import type { Handlers } from '../rpc/dispatcher';
import type { CoverageService } from './coverage-service';
import type { FindingService } from './finding-service';
import type { WalkSummaryDrafter } from './summary-drafter';
import type { UnitService } from './unit-service';
import type { WalkService } from './walk-service';

export { CoverageService } from './coverage-service';
export { FindingRepository } from './finding-repository';
export { FindingService } from './finding-service';
export { WalkSummaryDrafter } from './summary-drafter';
export { UnitRepository } from './unit-repository';
export { UnitService } from './unit-service';
export { WalkRepository } from './walk-repository';
export { WalkService } from './walk-service';

type WalkMethods = Extract<
  keyof Handlers,
  | `units.${string}`
  | `walks.${string}`
  | `findings.${string}`
  | `rectifications.${string}`
  | `unresolved.${string}`
  | `coverage.${string}`
>;

/** "Walk the process": units, walks, findings, rectifications, reports and coverage. */
export function walkHandlers(services: {
  units: UnitService;
  walks: WalkService;
  findings: FindingService;
  coverage: CoverageService;
  drafter: WalkSummaryDrafter;
}): Pick<Handlers, WalkMethods> {
  const { units, walks, findings, coverage, drafter } = services;
  return {
    'units.list': () => units.list(),
    'units.save': (input) => units.save(input),
    'walks.list': (input, context) => walks.list(input, signedIn(context)),
    'walks.get': (input) => walks.get(input.walkId),
    'walks.schedule': (input, context) => walks.schedule(input, signedIn(context)),
    'walks.cancel': (input, context) => walks.cancel(input.walkId, signedIn(context)),
    'walks.start': (input, context) => walks.start(input, signedIn(context)),
    'walks.timeStage': (input, context) => walks.timeStage(input, signedIn(context)),
    'walks.editStage': (input, context) => walks.editStage(input, signedIn(context)),
    'walks.pause': (input, context) => walks.pause(input.walkId, signedIn(context)),
    'walks.resume': (input, context) => walks.resume(input.walkId, signedIn(context)),
    'walks.finish': (input, context) => walks.finish(input, signedIn(context)),
    'walks.addNote': (input, context) => walks.addNote(input, signedIn(context)),
    'walks.addFinding': (input, context) => walks.addFinding(input, signedIn(context)),
    'walks.draftSummary': (input) => drafter.draft(walks.get(input.walkId)),
    'walks.saveSummary': (input, context) => walks.saveSummary(input, signedIn(context)),
    'findings.list': (input) => findings.list(input),
    'findings.markRecurring': (input, context) => findings.markRecurring(input, signedIn(context)),
    'rectifications.create': (input, context) =>
      findings.createRectification(input, signedIn(context)),
    'rectifications.list': (input, context) => findings.rectifications(input, signedIn(context)),
    'rectifications.get': (input, context) => findings.rectification(input.id, signedIn(context)),
    'rectifications.report': (input, context) => findings.report(input, signedIn(context)),
    'rectifications.verify': (input, context) => findings.verify(input, signedIn(context)),
    'unresolved.file': (input, context) => findings.fileUnresolved(input, signedIn(context)),
    'unresolved.list': (input) => findings.unresolved(input),
    'unresolved.takeOver': (input, context) => findings.takeOver(input, signedIn(context)),
    'coverage.matrix': (input) => coverage.matrix(input),
    'coverage.dashboard': (input) => coverage.dashboard(input),
  };
}
