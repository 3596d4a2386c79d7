import { useEffect, useRef, useState } from 'react';
import { Button, Input, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';

export interface ChatLine {
  id: string;
  author: string;
  text: string;
  at: string;
  /** Written on this side: shown on the right. */
  mine: boolean;
}

interface ChatThreadProps {
  lines: ChatLine[];
  /** Sends one message; the thread keeps the text when it fails. */
  onSend: (text: string) => Promise<unknown>;
  /** Why nothing can be written any more (the request or window is closed), if so. */
  closedHint?: string;
  /** Prefix of the thread's test ids: `<prefix>-line`, `-input`, `-send`. */
  testId: string;
}

/** A conversation: lines oldest first (kept scrolled to the newest) and a box to write in. */
export function ChatThread({ lines, onSend, closedHint, testId }: ChatThreadProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  const list = useRef<HTMLDivElement>(null);
  const count = lines.length;

  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [count]);

  const send = async () => {
    const message = text.trim();
    if (message === '' || sending) return;
    setSending(true);
    setError(undefined);
    try {
      await onSend(message);
      setText('');
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="chat-thread">
      <div className="chat-lines" ref={list} role="log" aria-live="polite">
        {count === 0 ? (
          <Typography.Text type="secondary" className="chat-empty">
            {t('chat.empty')}
          </Typography.Text>
        ) : (
          lines.map((line) => (
            <div
              key={line.id}
              className={`chat-line${line.mine ? ' chat-line-mine' : ''}`}
              data-testid={`${testId}-line`}
            >
              <Typography.Text type="secondary" className="chat-meta">
                {line.author} · {formatDateTime(line.at)}
              </Typography.Text>
              <div className="chat-bubble">{line.text}</div>
            </div>
          ))
        )}
      </div>
      <ErrorAlert error={error} />
      {closedHint ? (
        <Typography.Text type="secondary">{closedHint}</Typography.Text>
      ) : (
        <div className="chat-compose">
          <Input.TextArea
            value={text}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={2000}
            placeholder={t('chat.placeholder')}
            aria-label={t('chat.placeholder')}
            onChange={(event) => {
              setText(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                void send();
              }
            }}
            data-testid={`${testId}-input`}
          />
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={sending}
            disabled={text.trim() === ''}
            onClick={() => void send()}
            data-testid={`${testId}-send`}
          >
            {t('chat.send')}
          </Button>
        </div>
      )}
    </div>
  );
}
