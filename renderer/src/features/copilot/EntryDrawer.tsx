import { Alert, Descriptions, Drawer, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Citation } from '@shared/api/review';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** Marks the cited sentences inside the entry's text, so the jump lands on the passage. */
function Highlighted({ text, quotes }: { text: string; quotes: string[] }) {
  const found = quotes
    .map((quote) => ({ quote, at: text.indexOf(quote) }))
    .filter((each) => each.quote !== '' && each.at >= 0)
    .sort((a, b) => a.at - b.at);
  const parts: { text: string; cited: boolean }[] = [];
  let cursor = 0;
  for (const { quote, at } of found) {
    if (at < cursor) continue;
    parts.push({ text: text.slice(cursor, at), cited: false }, { text: quote, cited: true });
    cursor = at + quote.length;
  }
  parts.push({ text: text.slice(cursor), cited: false });
  return (
    <Typography.Paragraph className="entry-text" data-testid="entry-text">
      {parts.map((part, index) =>
        part.cited ? (
          <mark key={index} className="entry-cited">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </Typography.Paragraph>
  );
}

/** A cited knowledge entry in full, at the cited version, with the quoted sentences marked. */
export function EntryDrawer({
  citation,
  quotes = [],
  onClose,
}: {
  citation: Citation | undefined;
  quotes?: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const entry = useQuery({
    queryKey: queryKeys.entry(citation?.entryId ?? '', citation?.version),
    queryFn: () =>
      client.knowledge.entry({ entryId: citation?.entryId ?? '', version: citation?.version }),
    enabled: citation !== undefined,
  });
  const data = entry.data;
  return (
    <Drawer
      open={citation !== undefined}
      onClose={onClose}
      size={560}
      title={citation ? `${citation.entryId} · ${citation.title}` : ''}
      data-testid="entry-drawer"
    >
      {entry.isPending && citation ? <Spin /> : null}
      <ErrorAlert error={entry.error ?? undefined} />
      {data ? (
        <>
          {data.newestVersion > data.version ? (
            <Alert
              type="warning"
              showIcon
              title={t('entry.newer', { version: data.newestVersion, cited: data.version })}
              className="page-section"
            />
          ) : null}
          <Descriptions column={1} size="small" className="page-section">
            <Descriptions.Item label={t(`entry.kind.${data.kind}`)}>
              <Tag>{t('copilot.version', { version: data.version })}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('entry.effective')}>{data.effectiveFrom}</Descriptions.Item>
            {data.expiresOn ? (
              <Descriptions.Item label={t('entry.expires')}>{data.expiresOn}</Descriptions.Item>
            ) : null}
            {data.issuer ? (
              <Descriptions.Item label={t('entry.issuer')}>{data.issuer}</Descriptions.Item>
            ) : null}
            {data.documentNumber ? (
              <Descriptions.Item label={t('entry.documentNumber')}>
                {data.documentNumber}
              </Descriptions.Item>
            ) : null}
            {data.matters.length > 0 ? (
              <Descriptions.Item label={t('entry.matters')}>
                {data.matters.join('、')}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Typography.Title level={5}>{data.title}</Typography.Title>
          <Highlighted text={data.text} quotes={quotes} />
          {data.sources.length > 0 ? (
            <>
              <Typography.Text strong>{t('entry.sources')}</Typography.Text>
              <ul className="entry-sources">
                {data.sources.map((source) => (
                  <li key={source}>{source}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
