import { useMemo, useState } from 'react';
import { Card, DatePicker, Space, Spin, Statistic, Typography } from 'antd';
import type { ColumnDef } from '@tanstack/react-table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { HelpStatsRow } from '@shared/api/remote';
import { businessDate } from '@shared/domain/business-date';
import { percentPoint, RESOLUTION_TARGET, sumHelpFigures } from '@shared/domain/help-figures';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { HelpStatsCharts } from './HelpStatsCharts';

type CountKey = 'requests' | 'answered' | 'answeredWithinMinute' | 'closed' | 'resolved';

const day = (value: Dayjs) => value.format('YYYY-MM-DD');

function shown(rate: number | null): string {
  const value = percentPoint(rate);
  return value === null ? '—' : `${String(value)}%`;
}

/** The rows as they come: one per department and day. */
function StatsTable({ rows }: { rows: HelpStatsRow[] }) {
  const { t } = useTranslation();
  const columns = useMemo<ColumnDef<HelpStatsRow>[]>(() => {
    const count = (id: CountKey, header: string): ColumnDef<HelpStatsRow> => ({
      id,
      header,
      cell: ({ row: { original } }) => original[id],
    });
    return [
      { id: 'day', header: t('help.statsColumns.day'), cell: ({ row }) => row.original.day },
      {
        id: 'department',
        header: t('help.statsColumns.department'),
        cell: ({ row }) => row.original.department,
      },
      count('requests', t('help.statsColumns.requests')),
      count('answered', t('help.statsColumns.answered')),
      count('answeredWithinMinute', t('help.statsColumns.withinMinute')),
      {
        id: 'withinRate',
        header: t('help.statsColumns.withinMinuteRate'),
        cell: ({ row }) => shown(sumHelpFigures([row.original]).withinMinuteRate),
      },
      {
        id: 'median',
        header: t('help.statsColumns.median'),
        cell: ({ row }) =>
          row.original.medianFirstResponseSeconds === null
            ? '—'
            : t('help.seconds', { seconds: row.original.medianFirstResponseSeconds }),
      },
      count('closed', t('help.statsColumns.closed')),
      count('resolved', t('help.statsColumns.resolved')),
      {
        id: 'resolutionRate',
        header: t('help.statsColumns.resolutionRate'),
        cell: ({ row }) => {
          const rate = sumHelpFigures([row.original]).resolutionRate;
          return (
            <Typography.Text
              type={rate !== null && rate < RESOLUTION_TARGET ? 'danger' : undefined}
            >
              {shown(rate)}
            </Typography.Text>
          );
        },
      },
    ];
  }, [t]);
  return (
    <DataTable
      data={rows}
      columns={columns}
      getRowId={(row) => `${row.day}/${row.department}`}
      testId="help-stats-table"
      rowTestId="help-stats-row"
      caption={t('help.table')}
    />
  );
}

/**
 * `/help/stats`: the help desk against the "021" standard, per department and day: how many
 * requests, the share answered within a minute, the resolution rate. The last 30 days at first.
 */
export function HelpStatsScreen() {
  const { t } = useTranslation();
  const client = useClient();
  // The hub counts Beijing days: "today" is Beijing's, whatever zone this machine is set to.
  const today = dayjs(businessDate(new Date()));
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [today.subtract(29, 'day'), today]);
  const input = { from: day(range[0]), to: day(range[1]) };
  const stats = useQuery({
    queryKey: queryKeys.helpStats(input),
    queryFn: () => client.help.stats(input),
    placeholderData: keepPreviousData,
  });
  const rows = stats.data ?? [];
  const totals = sumHelpFigures(rows);

  return (
    <div className="page page-scroll" data-testid="help-stats-screen">
      <Card className="page-section">
        <div className="page-toolbar">
          <Typography.Title level={4} className="page-title">
            {t('help.statsTitle')}
          </Typography.Title>
          <Space>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              aria-label={t('help.range')}
              disabledDate={(value) => value.isAfter(today, 'day')}
              onChange={(values) => {
                const [from, to] = values ?? [];
                if (from && to) setRange([from, to]);
              }}
              data-testid="help-stats-range"
            />
            {stats.isFetching ? <Spin size="small" /> : null}
          </Space>
        </div>
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {t('help.statsSubtitle')}
        </Typography.Paragraph>
        <ErrorAlert error={stats.error ?? undefined} />
        <div className="help-stats-totals" data-testid="help-stats-totals">
          <Statistic title={t('help.requests')} value={totals.requests} />
          <Statistic
            title={t('help.withinMinuteRate')}
            value={shown(totals.withinMinuteRate)}
            className={
              totals.withinMinuteRate !== null && totals.withinMinuteRate < RESOLUTION_TARGET
                ? 'statistic-danger'
                : undefined
            }
          />
          <Statistic
            title={t('help.resolutionRate')}
            value={shown(totals.resolutionRate)}
            className={
              totals.resolutionRate !== null && totals.resolutionRate < RESOLUTION_TARGET
                ? 'statistic-danger'
                : undefined
            }
          />
        </div>
      </Card>
      {stats.isPending ? (
        <div className="page-center">
          <Spin size="large" />
        </div>
      ) : rows.length === 0 ? (
        <Card className="page-section">
          <EmptyState title={t('help.statsEmpty')} />
        </Card>
      ) : (
        <>
          <HelpStatsCharts rows={rows} from={input.from} to={input.to} />
          <Card size="small" title={t('help.table')} className="page-section">
            <StatsTable rows={rows} />
          </Card>
        </>
      )}
    </div>
  );
}
