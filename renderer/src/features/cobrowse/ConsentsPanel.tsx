import { useState } from 'react';
import { Button, Card, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView } from '@shared/api/remote';
import { formatDateTime } from '../../ui/format';
import { ConsentDialog } from './ConsentDialog';

/** The applicant's consents in this window; the clerk records a new one here. */
export function ConsentsPanel({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const labels = new Map((view.workspace?.fields ?? []).map((field) => [field.key, field.label]));
  const host = view.role === 'host';
  const names = new Map(view.participants.map((p) => [p.id, p.displayName]));
  return (
    <Card
      size="small"
      className="page-section"
      title={t('remote.consents')}
      extra={
        host && view.link.state !== 'ended' ? (
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
            <li key={`${consent.at}-${consent.fields.join()}`} data-testid="remote-consent">
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
            </li>
          ))}
        </ul>
      )}
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
