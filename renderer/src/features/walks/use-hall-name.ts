import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';

/** This terminal's hall, the default place of a walk. */
export function useHallName(): string | undefined {
  const client = useClient();
  const setup = useQuery({
    queryKey: queryKeys.setupStatus,
    queryFn: () => client.setup.status({}),
  });
  return setup.data?.hallName;
}
