import type { ReviewOutcome, ReviewPointState } from '@shared/api/review';

export const outcomeColours: Record<ReviewOutcome, string> = {
  accept: 'green',
  correction: 'orange',
  reject: 'red',
};

export const kindColours: Record<ReviewPointState['kind'], string> = {
  rule: 'blue',
  model: 'purple',
  manual: 'default',
};

export const suggestionColours: Record<
  NonNullable<ReviewPointState['suggestion']>['verdict'],
  string
> = { pass: 'green', fail: 'red', error: 'gold', unsure: 'gold' };

/** The point to open when a review is resumed: the first one nobody has decided yet. */
export function firstUndecided(points: ReviewPointState[]): number {
  const index = points.findIndex((point) => point.decision === null);
  return index === -1 ? 0 : index;
}
