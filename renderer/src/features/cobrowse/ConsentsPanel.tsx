import { useState } from 'react';
import { App, Button, Card, Popconfirm, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { ConsentDialog } from './ConsentDialog';
import { windowChanged } from './use-remote-session';

/** The applicant's consents in this window; the clerk records a new one here. */
export function ConsentsPanel({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const labels = new Map((view.workspace?.fields ?? []).map((field) => [field.key, field.label]));
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const withdraw = useMutation({
    mutationFn: (consentId: string) =>
      client.remote.withdrawConsent({ sessionId: view.sessionId, consentId }),
    onSuccess: (next) => {
      windowChanged(queryClient, next);
      void message.success(t('remote.consentWithdrawn'));
    },
  });
  const host = view.role === 'host';
  const open = view.link.state !== 'ended';
  const names = new Map(view.participants.map((p) => [p.id, p.displayName]));
  return (
    <Card
      size="small"
      className="page-section"
      title={t('remote.consents')}
      extra={
        host && open ? (
          <Button
            size="small"
            icon={<SafetyCertificateOutlined />}
            disabled={!view.workspace}
            onClick={() => {
              setRecording(true);
            }}
            data-testid="remote-record-consent"
          >
            {t('remote.recordConsent')}
          </Button>
        ) : null
      }
      data-testid="remote-consents"
    >
      {view.consents.length === 0 ? (
        <Typography.Text type="secondary">{t('remote.consentsEmpty')}</Typography.Text>
      ) : (
        <ul className="consent-list">
          {view.consents.map((consent) => (
            <li key={consent.id} data-testid="remote-consent">
              <Typography.Text strong>
                {consent.fields.map((key) => labels.get(key) ?? key).join('、')}
              </Typography.Text>
              <Typography.Text type="secondary" className="consent-meta">
                {t(`remote.bases.${consent.basis}`)} · {consent.recordedBy} ·{' '}
                {formatDateTime(consent.at)} ·{' '}
                {t('remote.consentTo', {
                  names: consent.recipients.map((id) => names.get(id) ?? '?').join('、'),
                })}
                {consent.note ? ` · ${consent.note}` : ''}
              </Typography.Text>
              {host && open ? (
                <Popconfirm
                  title={t('remote.withdrawConsentConfirm')}
                  okText={t('remote.withdrawConsent')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => {
                    withdraw.mutate(consent.id);
                  }}
                >
                  <Button
                    size="small"
                    type="link"
                    className="consent-withdraw"
                    data-testid="remote-consent-withdraw"
                  >
                    {t('remote.withdrawConsent')}
                  </Button>
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={withdraw.error ?? undefined} />
      {recording ? (
        <ConsentDialog
          view={view}
          onClose={() => {
            setRecording(false);
          }}
        />
      ) : null}
    </Card>
  );
}
