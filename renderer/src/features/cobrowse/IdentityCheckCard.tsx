import { useState } from 'react';
import { App, Button, Card, Form, Input, Radio, Tag, Typography } from 'antd';
import { CameraOutlined, IdcardOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identityOutcomes, type IdentityCheck, type RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';
import { identityOutcomeColours } from './cobrowse-labels';
import { IdentitySnapshotDialog } from './IdentitySnapshotDialog';
import { windowChanged } from './use-remote-session';

interface CheckValues {
  outcome: IdentityCheck['outcome'];
  note: string;
}

/** The expert's record of one comparison: the card on camera against the person and the case. */
function IdentityCheckForm({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CheckValues>();
  const [formError, setFormError] = useState<string>();
  const record = useMutation({
    mutationFn: (values: CheckValues) =>
      client.remote.recordIdentityCheck({
        sessionId: view.sessionId,
        outcome: values.outcome,
        note: values.note.trim(),
      }),
    onSuccess: (next) => {
      windowChanged(queryClient, next);
      form.resetFields();
      void message.success(t('remote.identity.recorded'));
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ note: '' }}
      disabled={record.isPending}
      className="identity-form"
      onFinish={(values) => {
        setFormError(undefined);
        record.mutate(values);
      }}
    >
      <Typography.Paragraph className="identity-instruction" data-testid="remote-identity-help">
        <IdcardOutlined /> {t('remote.identity.instruction')}
      </Typography.Paragraph>
      <Form.Item
        name="outcome"
        label={t('remote.identity.outcome')}
        rules={[{ required: true, message: t('remote.identity.outcomeRequired') }]}
      >
        {/* No default: the expert says what they saw, never a pre-ticked "matches". */}
        <Radio.Group optionType="button" buttonStyle="solid">
          {identityOutcomes.map((outcome) => (
            <Radio.Button key={outcome} value={outcome}>
              <span data-testid={`remote-identity-outcome-${outcome}`}>
                {t(`remote.identity.outcomes.${outcome}`)}
              </span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="note" label={t('remote.identity.note')}>
        <Input
          maxLength={300}
          placeholder={t('remote.identity.notePlaceholder')}
          data-testid="remote-identity-note"
        />
      </Form.Item>
      <ErrorAlert error={formError} />
      <Button
        type="primary"
        htmlType="submit"
        loading={record.isPending}
        className="form-top-gap"
        data-testid="remote-identity-submit"
      >
        {t('remote.identity.submit')}
      </Button>
    </Form>
  );
}

/**
 * 人证核验: the expert compares the ID card the applicant holds to the camera with the person and
 * the case, and records what they found; both sides see the record. The clerk may keep a still of
 * the card with the case, with the applicant's consent.
 */
export function IdentityCheckCard({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const [keeping, setKeeping] = useState(false);
  const ended = view.link.state === 'ended';
  const checks = [...view.identityChecks].reverse();
  return (
    <Card
      size="small"
      className="page-section"
      title={t('remote.identity.title')}
      extra={
        view.role === 'host' && !ended ? (
          <Button
            size="small"
            icon={<CameraOutlined />}
            disabled={!view.workspace}
            onClick={() => {
              setKeeping(true);
            }}
            data-testid="remote-identity-keep"
          >
            {t('remote.identity.keep')}
          </Button>
        ) : null
      }
      data-testid="remote-identity"
    >
      {view.role === 'expert' && !ended ? <IdentityCheckForm view={view} /> : null}
      {view.role === 'host' && !ended ? (
        <Typography.Paragraph type="secondary" className="identity-instruction">
          {t('remote.identity.hostHint')}
        </Typography.Paragraph>
      ) : null}
      {checks.length === 0 ? (
        <Typography.Text type="secondary" data-testid="remote-identity-empty">
          {t('remote.identity.empty')}
        </Typography.Text>
      ) : (
        <ul className="identity-list">
          {checks.map((check) => (
            <li
              key={`${check.at}-${check.participantId}`}
              data-testid="remote-identity-check"
              data-outcome={check.outcome}
            >
              <div className="identity-check-head">
                <Tag color={identityOutcomeColours[check.outcome]}>
                  {t(`remote.identity.outcomes.${check.outcome}`)}
                </Tag>
                <Typography.Text type="secondary" className="identity-check-meta">
                  {check.author} · {formatDateTime(check.at)}
                </Typography.Text>
              </div>
              {check.note ? <Typography.Text>{check.note}</Typography.Text> : null}
            </li>
          ))}
        </ul>
      )}
      {keeping ? (
        <IdentitySnapshotDialog
          view={view}
          onClose={() => {
            setKeeping(false);
          }}
        />
      ) : null}
    </Card>
  );
}
