import { useQuery } from '@tanstack/react-query';
import type { Unit } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';

/** Every unit with its leaders and matters (a short list, shared by all walk screens). */
export function useUnits() {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.units, queryFn: () => client.units.list({}) });
}

/** The units whose leadership team includes this user. */
export function unitsLedBy(units: readonly Unit[], userId: number | undefined): Unit[] {
  return units.filter((unit) => unit.leaders.some((leader) => leader.userId === userId));
}
