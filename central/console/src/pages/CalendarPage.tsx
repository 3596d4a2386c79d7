import { useMemo, useState } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { CalendarPublication } from '@shared/hub/admin';
import { useHubMutation, useHubQuery } from '../api/console-context';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { UploadPanel } from '../ui/UploadPanel';

/** The hub takes a calendar year in an ordinary request (1 MiB); a year's file is a few KB. */
const maxCalendarBytes = 512 * 1024;

type Outcome =
  | { kind: 'published'; year: CalendarPublication }
  | { kind: 'failed'; fileName: string; error: unknown }
  | { kind: 'notJson'; detail: string };

/** 节假日安排: the State Council's holiday arrangement for a year, to every hall. */
export function CalendarPage() {
  const { t } = useTranslation();
  const years = useHubQuery('calendarYears', {});
  const publish = useHubMutation('publishCalendar', ['calendarYears']);
  const [outcome, setOutcome] = useState<Outcome>();

  const columns = useMemo<ColumnDef<CalendarPublication>[]>(
    () => [
      {
        header: t('calendar.year'),
        id: 'year',
        cell: ({ row: { original: year } }) => (
          <Typography.Text strong>{year.year}</Typography.Text>
        ),
      },
      {
        header: t('calendar.source'),
        id: 'source',
        cell: ({ row: { original: year } }) => (
          <Typography.Text className="cell-clamp">{year.source}</Typography.Text>
        ),
      },
      { header: t('calendar.holidays'), id: 'holidays', accessorFn: (year) => year.holidays },
      { header: t('calendar.makeUp'), id: 'makeUp', accessorFn: (year) => year.makeUpWorkdays },
      {
        header: t('calendar.publishedAt'),
        id: 'publishedAt',
        cell: ({ row: { original: year } }) => (
          <span className="nowrap">{formatDateTime(year.publishedAt)}</span>
        ),
      },
    ],
    [t],
  );

  return (
    <div className="page" data-testid="calendar-page">
      <PageSection title={t('calendar.title')} subtitle={t('calendar.subtitle')}>
        <UploadPanel
          accept={['.json']}
          maxBytes={maxCalendarBytes}
          hint={t('calendar.dropHint')}
          testId="calendar-upload"
          onUpload={async (file) => {
            setOutcome(undefined);
            let arrangement: unknown;
            try {
              arrangement = JSON.parse(file.text);
            } catch (error) {
              setOutcome({
                kind: 'notJson',
                detail: error instanceof Error ? error.message : String(error),
              });
              return false;
            }
            try {
              const year = await publish.mutateAsync({ body: { arrangement } });
              setOutcome({ kind: 'published', year });
              return true;
            } catch (error) {
              setOutcome({ kind: 'failed', fileName: file.name, error });
              return false;
            }
          }}
        />
        {outcome?.kind === 'published' ? (
          <Alert
            type="success"
            showIcon
            data-testid="calendar-result"
            title={t('calendar.published', { year: outcome.year.year })}
            description={t('calendar.counts', {
              holidays: outcome.year.holidays,
              makeUp: outcome.year.makeUpWorkdays,
            })}
          />
        ) : null}
        {outcome?.kind === 'notJson' ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('calendar.notJson', { detail: outcome.detail })}
          />
        ) : null}
        {outcome?.kind === 'failed' ? (
          <ErrorAlert
            error={outcome.error}
            title={t('calendar.failed', { file: outcome.fileName })}
            testId="calendar-error"
          />
        ) : null}
      </PageSection>
      <PageSection
        title={t('calendar.list')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void years.refetch()}
            loading={years.isFetching}
          >
            {t('common.refresh')}
          </Button>
        }
      >
        <ErrorAlert error={years.error} />
        {years.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={years.data ?? []}
            columns={columns}
            getRowId={(year) => String(year.year)}
            empty={<EmptyState title={t('calendar.empty')} />}
            testId="calendar-table"
            rowTestId="calendar-row"
            caption={t('calendar.list')}
          />
        )}
      </PageSection>
    </div>
  );
}
