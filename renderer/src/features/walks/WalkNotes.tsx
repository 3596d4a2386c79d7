import { useState } from 'react';
import { Button, Card, Input, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WalkDetail } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { pickText } from '../../ui/api-error';
import { useLanguage } from '../../ui/use-language';
import { useWalkAction } from './use-walk-action';

/** Notes on the walk; once it is finished, the only thing that can still be added. */
export function WalkNotes({ walk, canAdd }: { walk: WalkDetail; canAdd: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const [text, setText] = useState('');
  const finished = walk.status === 'finished';
  const add = useWalkAction(
    (note: string) => client.walks.addNote({ walkId: walk.id, text: note }),
    t('walk.noteAdded'),
  );
  const submit = () => {
    const note = text.trim();
    if (!note) return;
    add.mutate(note, {
      onSuccess: () => {
        setText('');
      },
    });
  };

  return (
    <Card title={t('walk.notes')} className="page-section" size="small" data-testid="walk-notes">
      {walk.notes.length === 0 ? (
        <Typography.Text type="secondary">{t('walk.noNotes')}</Typography.Text>
      ) : (
        <ul className="walk-notes">
          {walk.notes.map((note) => (
            <li key={note.id} className="walk-note" data-testid="walk-note">
              <div>
                {note.afterFinish ? <Tag color="gold">{t('walk.afterFinish')}</Tag> : null}
                <Typography.Text type="secondary">
                  {formatDateTime(note.at)} · {note.author}
                </Typography.Text>
              </div>
              <Typography.Paragraph className="walk-note-text">{note.text}</Typography.Paragraph>
            </li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <Input.TextArea
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
          }}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('walk.notePlaceholder')}
          aria-label={finished ? t('walk.appendNote') : t('walk.addNote')}
          data-testid="walk-note-text"
        />
      ) : null}
      {canAdd ? (
        <Button
          className="walk-note-submit"
          disabled={!text.trim()}
          loading={add.isPending}
          onClick={submit}
          data-testid="walk-note-add"
        >
          {finished ? t('walk.appendNote') : t('walk.addNote')}
        </Button>
      ) : null}
      <ErrorAlert error={add.error ?? undefined} />
    </Card>
  );
}

/** What happened to the walk, in order, as the engine words it. */
export function WalkEvents({ walk }: { walk: WalkDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card
      title={t('walk.history')}
      className="page-section walk-history"
      size="small"
      data-testid="walk-history"
    >
      {walk.events.length === 0 ? (
        <EmptyState title={t('walk.noHistory')} />
      ) : (
        <Timeline
          items={walk.events.map((event) => ({
            key: event.id,
            color: 'gray',
            content: (
              <div className="history-item" data-testid="walk-event" data-kind={event.kind}>
                <Typography.Text>{pickText(event.summary, language)}</Typography.Text>
                <Typography.Text type="secondary" className="history-meta">
                  {formatDateTime(event.at)} · {event.actor}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
