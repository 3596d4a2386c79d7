import { useEffect, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEngine } from '../../app/engine-context';
import { FullPageSpin } from '../../app/FullPageSpin';
import { queryKeys } from '../../app/query-keys';
import { errorMessage } from '../../ui/api-error';
import { useLanguage } from '../../ui/use-language';
import { VaultDamagedScreen, VaultSetupScreen, VaultUnlockScreen } from './VaultScreens';

/**
 * Nothing behind this gate runs until the encrypted store is open: first the passphrase set-up
 * or unlock, when the engine asks for one; the sign-in and the app after.
 */
export function VaultGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const engine = useEngine();
  const queryClient = useQueryClient();
  const vault = useQuery({
    queryKey: queryKeys.vaultStatus,
    queryFn: () => engine.client.vault.status({}),
  });

  useEffect(
    () =>
      engine.client.events.on('vault.status', (status) => {
        queryClient.setQueryData(queryKeys.vaultStatus, status);
      }),
    [engine, queryClient],
  );
  // A restarted engine may come back locked (a passphrase store): ask again.
  useEffect(
    () =>
      engine.onReconnect(async () => {
        await queryClient.invalidateQueries({ queryKey: queryKeys.vaultStatus });
      }),
    [engine, queryClient],
  );

  if (vault.isPending) return <FullPageSpin tip={t('app.connecting')} />;
  if (vault.isError) {
    return (
      <Result
        status="warning"
        title={errorMessage(vault.error, language)}
        extra={
          <Button type="primary" onClick={() => void vault.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (vault.data.state === 'needsSetup') return <VaultSetupScreen />;
  if (vault.data.state === 'damaged') return <VaultDamagedScreen status={vault.data} />;
  if (vault.data.state === 'locked')
    return <VaultUnlockScreen status={vault.data} statusAt={vault.dataUpdatedAt} />;
  return children;
}
