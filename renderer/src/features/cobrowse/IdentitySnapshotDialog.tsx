import { useState } from 'react';
import { App, Checkbox, Form, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { consentBases, type Consent, type RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { CameraCapture, type CapturedPhoto } from '../../ui/CameraCapture';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';
import { windowChanged } from './use-remote-session';

/**
 * 保留身份证截图: a still of the ID card, kept with the case as one of its files (so the case's
 * retention rules apply to it) and noted in the window's record. An ID image is kept only with
 * the applicant's consent: the camera opens once the clerk said how it was given and confirmed it.
 */
export function IdentitySnapshotDialog({
  view,
  onClose,
}: {
  view: RemoteSessionView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [basis, setBasis] = useState<Consent['basis']>();
  const [consented, setConsented] = useState(false);
  const [camera, setCamera] = useState(false);
  const caseId = view.workspace?.caseRef.caseId;

  const keep = useMutation({
    mutationFn: (input: { basis: Consent['basis']; photo: CapturedPhoto }) =>
      client.remote.keepIdentitySnapshot({
        sessionId: view.sessionId,
        mediaType: 'image/jpeg',
        contentBase64: input.photo.contentBase64,
        basis: input.basis,
      }),
    onSuccess: async (next) => {
      windowChanged(queryClient, next);
      void message.success(t('remote.identity.kept'));
      onClose();
      if (caseId !== undefined)
        await queryClient.invalidateQueries({ queryKey: queryKeys.attachments({ caseId }) });
    },
  });

  const ready = basis !== undefined && consented;
  return (
    <Modal
      open
      width={560}
      title={t('remote.identity.keep')}
      okText={t('remote.identity.take')}
      cancelText={t('common.cancel')}
      confirmLoading={keep.isPending}
      okButtonProps={{ disabled: !ready, ...testId('remote-identity-take') }}
      onOk={() => {
        setCamera(true);
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="remote-identity-dialog">
        <Typography.Paragraph type="secondary">
          {t('remote.identity.keepIntro')}
        </Typography.Paragraph>
        <Form layout="vertical" disabled={keep.isPending}>
          <Form.Item label={t('remote.identity.basis')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={basis}
              onChange={(event) => {
                setBasis(event.target.value as Consent['basis']);
              }}
            >
              {consentBases.map((option) => (
                <Radio.Button key={option} value={option}>
                  <span data-testid={`remote-identity-basis-${option}`}>
                    {t(`remote.bases.${option}`)}
                  </span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item>
            <Checkbox
              checked={consented}
              onChange={(event) => {
                setConsented(event.target.checked);
              }}
            >
              {/* Inside the label: check() and isChecked() retarget to its input. */}
              <span data-testid="remote-identity-consent">{t('remote.identity.consent')}</span>
            </Checkbox>
          </Form.Item>
        </Form>
        {ready ? null : (
          <Typography.Text type="secondary" data-testid="remote-identity-take-hint">
            {t('remote.identity.takeHint')}
          </Typography.Text>
        )}
        {keep.isPending ? (
          <Typography.Text type="secondary">{t('remote.identity.saving')}</Typography.Text>
        ) : null}
        <ErrorAlert error={keep.error ?? undefined} testId="remote-identity-error" />
      </div>
      <CameraCapture
        open={camera}
        onClose={() => {
          setCamera(false);
        }}
        onCapture={(photo) => {
          setCamera(false);
          if (basis !== undefined) keep.mutate({ basis, photo });
        }}
      />
    </Modal>
  );
}
