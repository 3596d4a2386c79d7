import { useMemo, useState } from 'react';
import { Button, DatePicker, Select, Spin, Statistic, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { businessDate } from '@shared/domain/business-date';
import {
  RESOLUTION_TARGET,
  helpFiguresByDay,
  helpFiguresByDepartment,
  shiftIsoDate,
  sumHelpFigures,
  type HelpFigures,
} from '@shared/domain/help-figures';
import { useHubQuery } from '../api/console-context';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatPercent } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { HelpTrendChart } from './HelpTrendChart';

type Range = readonly [from: string, to: string];

interface DepartmentLine {
  department: string;
  figures: HelpFigures;
}

function lastDays(count: number): Range {
  // The hub counts by Beijing day, wherever the console is opened.
  const today = businessDate(new Date());
  return [shiftIsoDate(today, 1 - count), today];
}

/** A resolution rate against the 90% target: green when met, red when not, plain when none. */
function RateTag({ share, testId }: { share: number | null; testId?: string }) {
  if (share === null) return <span data-testid={testId}>—</span>;
  return (
    <Tag color={share >= RESOLUTION_TARGET ? 'green' : 'red'} data-testid={testId}>
      {formatPercent(share)}
    </Tag>
  );
}

/** The "021" indicators over a date range: totals, a chart day by day, a line per department. */
export function HelpIndicatorsSection() {
  const { t } = useTranslation();
  const [[from, to], setRange] = useState<Range>(() => lastDays(30));
  const [department, setDepartment] = useState<string>();
  const stats = useHubQuery('adminHelpStats', { query: { from, to } });

  const rows = useMemo(() => stats.data ?? [], [stats.data]);
  const totals = useMemo(() => sumHelpFigures(rows), [rows]);
  const departments = useMemo(() => helpFiguresByDepartment(rows), [rows]);
  // A department that is not in the new range any more falls back to all of them.
  const shownDepartment = departments.some((row) => row.department === department)
    ? department
    : undefined;
  const days = useMemo(
    () => helpFiguresByDay(rows, from, to, shownDepartment),
    [rows, from, to, shownDepartment],
  );

  const presets = useMemo(
    () =>
      ([7, 30, 90] as const).map((count, index) => {
        const [start, end] = lastDays(count);
        const key = (['week', 'month', 'quarter'] as const)[index] ?? 'month';
        return {
          label: t(`remote.indicators.presets.${key}`),
          value: [dayjs(start), dayjs(end)] as [Dayjs, Dayjs],
        };
      }),
    [t],
  );

  const columns = useMemo<ColumnDef<DepartmentLine>[]>(
    () => [
      {
        header: t('remote.indicators.department'),
        id: 'department',
        cell: ({ row: { original: line } }) => (
          <Typography.Text strong>{line.department}</Typography.Text>
        ),
      },
      {
        header: t('remote.indicators.requests'),
        id: 'requests',
        accessorFn: (l) => l.figures.requests,
      },
      {
        header: t('remote.indicators.answered'),
        id: 'answered',
        accessorFn: (l) => l.figures.answered,
      },
      {
        header: t('remote.indicators.withinMinute'),
        id: 'withinMinute',
        cell: ({ row: { original: line } }) => (
          <span className="nowrap" data-testid="department-within-minute">
            {t('remote.indicators.shareOf', {
              share: formatPercent(line.figures.withinMinuteRate),
              part: line.figures.answeredWithinMinute,
              whole: line.figures.answerable,
            })}
          </span>
        ),
      },
      { header: t('remote.indicators.closed'), id: 'closed', accessorFn: (l) => l.figures.closed },
      {
        header: t('remote.indicators.resolved'),
        id: 'resolved',
        accessorFn: (l) => l.figures.resolved,
      },
      {
        header: t('remote.indicators.resolution'),
        id: 'resolution',
        cell: ({ row: { original: line } }) => (
          <RateTag share={line.figures.resolutionRate} testId="department-resolution" />
        ),
      },
    ],
    [t],
  );

  const resolution = totals.resolutionRate;
  return (
    <PageSection
      title={t('remote.indicators.title')}
      subtitle={t('remote.indicators.subtitle')}
      testId="help-indicators"
      extra={
        <>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            presets={presets}
            disabledDate={(date) => date.format('YYYY-MM-DD') > businessDate(new Date())}
            onChange={(dates) => {
              const [start, end] = dates ?? [];
              if (start && end) setRange([start.format('YYYY-MM-DD'), end.format('YYYY-MM-DD')]);
            }}
            aria-label={t('remote.indicators.range')}
            data-testid="help-stats-range"
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void stats.refetch()}
            loading={stats.isFetching}
          >
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      <ErrorAlert error={stats.error} />
      {stats.isPending ? (
        <Spin />
      ) : rows.length === 0 ? (
        <EmptyState title={t('remote.indicators.empty')} hint={t('remote.indicators.emptyHint')} />
      ) : (
        <div className="help-indicators">
          <div className="indicator-row">
            <Statistic
              title={t('remote.indicators.requests')}
              value={totals.requests}
              data-testid="indicator-requests"
            />
            <Statistic
              title={t('remote.indicators.withinMinute')}
              value={formatPercent(totals.withinMinuteRate)}
              suffix={
                <span className="indicator-detail">
                  {totals.answeredWithinMinute}/{totals.answerable}
                </span>
              }
              data-testid="indicator-within-minute"
            />
            <Statistic
              title={t('remote.indicators.resolution')}
              value={formatPercent(resolution)}
              styles={{
                content: {
                  color:
                    resolution === null
                      ? undefined
                      : resolution >= RESOLUTION_TARGET
                        ? '#389e0d'
                        : '#cf1322',
                },
              }}
              suffix={
                <span className="indicator-detail">
                  {t('remote.indicators.target', { target: formatPercent(RESOLUTION_TARGET) })}
                </span>
              }
              data-testid="indicator-resolution"
            />
            <Statistic
              title={t('remote.indicators.unanswered')}
              value={totals.requests - totals.answered}
              data-testid="indicator-unanswered"
            />
          </div>
          <div className="page-toolbar">
            <Typography.Text strong>{t('remote.indicators.trend')}</Typography.Text>
            <span className="page-toolbar-spacer" />
            <Select
              allowClear
              className="filter-select"
              placeholder={t('remote.indicators.allDepartments')}
              value={shownDepartment}
              onChange={(value: string | undefined) => {
                setDepartment(value);
              }}
              options={departments.map((line) => ({
                value: line.department,
                label: line.department,
              }))}
              aria-label={t('remote.indicators.department')}
              data-testid="help-trend-department"
            />
          </div>
          <HelpTrendChart
            days={days}
            departmentLabel={shownDepartment ?? t('remote.indicators.allDepartments')}
          />
          <Typography.Text strong>{t('remote.indicators.byDepartment')}</Typography.Text>
          <DataTable
            data={departments}
            columns={columns}
            getRowId={(line) => line.department}
            testId="help-departments-table"
            rowTestId="help-department-row"
            caption={t('remote.indicators.byDepartment')}
          />
        </div>
      )}
    </PageSection>
  );
}
