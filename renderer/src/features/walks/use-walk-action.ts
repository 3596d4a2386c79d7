import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WalkDetail } from '@shared/api/walks';
import { walkChanged } from './walk-cache';

/** A write to a walk that answers the walk: the cache takes the answer, a toast confirms. */
export function useWalkAction<I>(action: (input: I) => Promise<WalkDetail>, done?: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: action,
    onSuccess: async (detail) => {
      if (done) void message.success(done);
      await walkChanged(queryClient, detail);
    },
  });
}
