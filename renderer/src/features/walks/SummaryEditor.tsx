import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { RobotOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WalkDetail } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useWalkAction } from './use-walk-action';

/** Seconds spent drafting, ticking: a slow local model shows it is still at work. */
function DraftingNote({ since }: { since: number }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(since);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return (
    <Typography.Text type="secondary" data-testid="summary-drafting">
      {t('report.drafting', { seconds: Math.floor((now - since) / 1000) })}
    </Typography.Text>
  );
}

interface SummaryEditorProps {
  walk: WalkDetail;
  text: string;
  onTextChange: (text: string) => void;
}

/**
 * The leader writes the summary, or has the local model draft it; a draft stays in this box
 * until the leader saves it, so nothing the model wrote reaches the report unreviewed.
 */
export function SummaryEditor({ walk, text, onTextChange }: SummaryEditorProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [draftModel, setDraftModel] = useState<string>();
  const models = useQuery({ queryKey: queryKeys.models, queryFn: () => client.models.status({}) });
  const chatReady = models.data?.state === 'ready' && models.data.loaded !== null;
  const [draftStarted, setDraftStarted] = useState(0);
  const draft = useMutation({
    mutationFn: () => client.walks.draftSummary({ walkId: walk.id }),
    onMutate: () => {
      setDraftStarted(Date.now());
    },
    onSuccess: (result) => {
      onTextChange(result.text);
      setDraftModel(result.model);
    },
  });
  const save = useWalkAction(
    (summary: string) => client.walks.saveSummary({ walkId: walk.id, text: summary }),
    t('report.saved'),
  );
  const saved = walk.summary ?? '';
  const unsaved = text.trim() !== saved.trim();

  return (
    <Card
      className="page-section no-print summary-editor"
      size="small"
      title={
        <Space>
          {t('report.editorTitle')}
          {unsaved ? (
            <Tag color="orange" data-testid="summary-unsaved">
              {t('report.unsaved')}
            </Tag>
          ) : saved ? (
            <Tag color="green" data-testid="summary-saved">
              {t('report.savedTag')}
            </Tag>
          ) : null}
        </Space>
      }
      data-testid="summary-editor"
    >
      <Typography.Paragraph type="secondary">{t('report.editorHint')}</Typography.Paragraph>
      {draftModel && unsaved ? (
        <Alert
          type="warning"
          showIcon
          className="form-gap"
          title={t('report.draftFrom', { model: draftModel })}
          data-testid="summary-draft-note"
        />
      ) : null}
      <Input.TextArea
        value={text}
        onChange={(event) => {
          onTextChange(event.target.value);
        }}
        autoSize={{ minRows: 5, maxRows: 14 }}
        maxLength={4000}
        showCount
        disabled={draft.isPending}
        placeholder={t('report.placeholder')}
        aria-label={t('report.summary')}
        data-testid="summary-text"
      />
      <Space className="summary-actions" wrap>
        {chatReady ? (
          <Button
            icon={<RobotOutlined />}
            loading={draft.isPending}
            onClick={() => {
              draft.mutate();
            }}
            data-testid="summary-draft"
          >
            {t('report.draft')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('report.noModel')}</Typography.Text>
        )}
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={!unsaved || !text.trim() || draft.isPending}
          loading={save.isPending}
          onClick={() => {
            save.mutate(text.trim(), {
              onSuccess: () => {
                setDraftModel(undefined);
              },
            });
          }}
          data-testid="summary-save"
        >
          {t('report.save')}
        </Button>
        {draft.isPending ? <DraftingNote since={draftStarted} /> : null}
      </Space>
      <ErrorAlert error={draft.error ?? save.error ?? models.error ?? undefined} />
    </Card>
  );
}
