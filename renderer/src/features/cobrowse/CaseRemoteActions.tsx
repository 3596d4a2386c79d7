import { useState } from 'react';
import { Button, Tooltip } from 'antd';
import { CustomerServiceOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { RaiseHelpDialog, type HelpCaseContext } from './RaiseHelpDialog';
import { useOpenWindow } from './use-remote-session';

/** On a case, for the clerk: ask the department's experts, or invite one into a remote window. */
export function CaseRemoteActions({ context }: { context: HelpCaseContext }) {
  const { t } = useTranslation();
  const [raising, setRaising] = useState(false);
  const open = useOpenWindow();
  return (
    <>
      <Tooltip title={t('help.raiseHint')}>
        <Button
          icon={<CustomerServiceOutlined />}
          onClick={() => {
            setRaising(true);
          }}
          data-testid="case-raise-help"
        >
          {t('help.raise')}
        </Button>
      </Tooltip>
      <Tooltip title={t('remote.inviteHint')}>
        <Button
          icon={<ShareAltOutlined />}
          loading={open.isPending}
          onClick={() => {
            open.mutate({ caseId: context.caseId });
          }}
          data-testid="case-invite-remote"
        >
          {open.isPending ? t('remote.opening') : t('remote.invite')}
        </Button>
      </Tooltip>
      {open.error ? (
        <span className="case-remote-error">
          <ErrorAlert error={open.error} testId="case-invite-error" />
        </span>
      ) : null}
      {raising ? (
        <RaiseHelpDialog
          context={context}
          onClose={() => {
            setRaising(false);
          }}
        />
      ) : null}
    </>
  );
}
