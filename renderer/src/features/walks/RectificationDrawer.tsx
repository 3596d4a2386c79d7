import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Rectification } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { canRunWalks } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { EvidenceList } from './EvidenceList';
import { RectificationDue } from './RectificationDue';
import { useCurrentUser } from './use-current-user';
import { rectificationChanged } from './walk-cache';
import { CategoryTag, RectificationStatusTag } from './WalkTags';

const noteColours: Record<Rectification['notes'][number]['kind'], string> = {
  progress: 'blue',
  submitted: 'purple',
  verified: 'green',
  ineffective: 'red',
};

/** One rectification: the finding, the action, its record, and what the viewer may do next. */
export function RectificationDrawer({
  id,
  onClose,
}: {
  id: number | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const rectification = useQuery({
    queryKey: queryKeys.rectification(id ?? 0),
    queryFn: () => client.rectifications.get({ id: id ?? 0 }),
    enabled: id !== undefined,
  });
  const data = rectification.data;
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size={600}
      title={t('rectification.detailTitle')}
      destroyOnHidden
      data-testid="rectification-drawer"
    >
      {rectification.isPending && id !== undefined ? <Spin /> : null}
      <ErrorAlert error={rectification.error ?? undefined} />
      {data ? <RectificationDetail rectification={data} /> : null}
    </Drawer>
  );
}

function RectificationDetail({ rectification: item }: { rectification: Rectification }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const closed = item.state === 'closed';
  const verifier = user !== undefined && canRunWalks(user.role) && item.verifierId === user.id;
  // Who reports is the engine's rule (owner, the unit's leaders, the verifier); the form is
  // offered to those who may be among them: leaders, admins and the named owner.
  const mayReport =
    user !== undefined &&
    (canRunWalks(user.role) || user.role === 'admin' || item.ownerUserId === user.id);
  const canReport = mayReport && !closed && item.state !== 'to_verify';
  return (
    <div className="rectification-detail">
      <div className="rectification-head">
        <RectificationStatusTag status={item.status} testId="rectification-drawer-status" />
        <RectificationDue rectification={item} />
      </div>
      <Descriptions column={1} size="small" bordered className="page-section">
        <Descriptions.Item label={t('rectification.finding')}>
          <CategoryTag category={item.findingCategory} />
          <div>{item.findingDescription}</div>
        </Descriptions.Item>
        <Descriptions.Item label={t('rectification.matter')}>{item.matterName}</Descriptions.Item>
        <Descriptions.Item label={t('rectification.action')}>{item.action}</Descriptions.Item>
        <Descriptions.Item label={t('rectification.columns.owner')}>
          {item.ownerUnitName} · {item.ownerPerson}
        </Descriptions.Item>
        <Descriptions.Item label={t('rectification.verifier')}>
          {item.verifierName}
        </Descriptions.Item>
        <Descriptions.Item label={t('rectification.createdAt')}>
          {formatDateTime(item.createdAt)} ·{' '}
          {t('common.workingDays', { count: item.dueWorkingDays })}
        </Descriptions.Item>
        {item.walkId !== null ? (
          <Descriptions.Item label={t('rectification.walk')}>
            <Link to={`/walks/${String(item.walkId)}`}>{t('rectification.openWalk')}</Link>
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      <Typography.Title level={5}>{t('rectification.notes')}</Typography.Title>
      {item.notes.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('rectification.noNotes')}</Typography.Paragraph>
      ) : (
        <Timeline
          className="rectification-notes"
          items={item.notes.map((note) => ({
            key: note.id,
            color: noteColours[note.kind],
            content: (
              <div className="history-item" data-testid="rectification-note" data-kind={note.kind}>
                <span>
                  <Tag color={noteColours[note.kind]}>
                    {t(`rectification.noteKinds.${note.kind}`)}
                  </Tag>
                  {note.text}
                </span>
                <Typography.Text type="secondary" className="history-meta">
                  {formatDateTime(note.at)} · {note.author}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}

      <Typography.Title level={5}>{t('rectification.evidence')}</Typography.Title>
      <EvidenceList owner={{ rectificationId: item.id }} canAdd={mayReport && !closed} />

      {canReport ? <ReportForm rectification={item} /> : null}
      {item.state === 'to_verify' && !verifier ? (
        <Alert
          type="info"
          showIcon
          className="page-section"
          title={t('rectification.waitingVerify', { name: item.verifierName })}
        />
      ) : null}
      {item.state === 'to_verify' && verifier ? <VerifyForm rectification={item} /> : null}
    </div>
  );
}

function useRectificationWrite<I>(
  write: (input: I) => Promise<Rectification>,
  done: (input: I) => string,
) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: write,
    onSuccess: async (rectification, input) => {
      void message.success(done(input));
      await rectificationChanged(queryClient, rectification);
    },
  });
}

/** The owner's word on the work: a progress note, or "done, please verify". */
function ReportForm({ rectification }: { rectification: Rectification }) {
  const { t } = useTranslation();
  const client = useClient();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const report = useRectificationWrite(
    (kind: 'progress' | 'submit') =>
      client.rectifications.report({ id: rectification.id, kind, text: text.trim() }),
    (kind) => (kind === 'submit' ? t('rectification.submitted') : t('rectification.reported')),
  );
  const send = (kind: 'progress' | 'submit') => {
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    report.mutate(kind, {
      onSuccess: () => {
        setText('');
      },
    });
  };
  return (
    <div className="rectification-form" data-testid="rectification-report-form">
      <Typography.Title level={5}>{t('rectification.report')}</Typography.Title>
      <Form.Item
        validateStatus={missing ? 'error' : undefined}
        help={missing ? t('rectification.reportRequired') : undefined}
      >
        <Input.TextArea
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
          rows={3}
          maxLength={1000}
          showCount
          placeholder={t('rectification.reportPlaceholder')}
          aria-label={t('rectification.report')}
          data-testid="rectification-report-text"
        />
      </Form.Item>
      <Space>
        <Button
          loading={report.isPending && report.variables === 'progress'}
          disabled={report.isPending}
          onClick={() => {
            send('progress');
          }}
          data-testid="rectification-progress"
        >
          {t('rectification.report')}
        </Button>
        <Button
          type="primary"
          loading={report.isPending && report.variables === 'submit'}
          disabled={report.isPending}
          onClick={() => {
            send('submit');
          }}
          data-testid="rectification-submit"
        >
          {t('rectification.submit')}
        </Button>
      </Space>
      <ErrorAlert error={report.error ?? undefined} />
    </div>
  );
}

/** The raising leader checks the fix: effective closes it, ineffective sends it back. */
function VerifyForm({ rectification }: { rectification: Rectification }) {
  const { t } = useTranslation();
  const client = useClient();
  const [form] = Form.useForm<{ effective: boolean; text: string }>();
  const verify = useRectificationWrite(
    (values: { effective: boolean; text: string }) =>
      client.rectifications.verify({ id: rectification.id, ...values }),
    () => t('rectification.verified'),
  );
  return (
    <div
      className="rectification-form rectification-verify"
      data-testid="rectification-verify-form"
    >
      <Typography.Title level={5}>{t('rectification.verify')}</Typography.Title>
      <Alert type="info" showIcon title={t('rectification.verifyHint')} className="form-gap" />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ effective: true }}
        onFinish={(values) => {
          verify.mutate({ effective: values.effective, text: values.text.trim() });
        }}
      >
        <Form.Item name="effective">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={[
              { value: true, label: t('rectification.effective') },
              { value: false, label: t('rectification.ineffective') },
            ]}
            data-testid="rectification-effective"
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('rectification.verifyNote')}
          rules={[
            { required: true, whitespace: true, message: t('rectification.verifyNoteRequired') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            data-testid="rectification-verify-text"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          loading={verify.isPending}
          data-testid="rectification-verify"
        >
          {t('rectification.verify')}
        </Button>
        <ErrorAlert error={verify.error ?? undefined} />
      </Form>
    </div>
  );
}
