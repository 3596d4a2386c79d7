import { useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { findingCategories, walkStages, type WalkDashboard } from '@shared/api/walks';
import { EChart, type EChartOption } from '../../ui/EChart';

const colours = {
  median: '#1f5fbf',
  worst: '#f08c4c',
  raised: '#f5b042',
  closed: '#3aa56b',
  rate: '#7a4fd6',
};

/** Median and worst minutes of each stage for one matter. */
function StageDurationChart({ dashboard }: { dashboard: WalkDashboard }) {
  const { t } = useTranslation();
  const matters = useMemo(() => {
    const seen = new Map<string, string>();
    for (const row of dashboard.stageDurations) seen.set(row.matterCode, row.matterName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [dashboard.stageDurations]);
  const [picked, setPicked] = useState<string>();
  const matterCode = matters.some((matter) => matter.value === picked) ? picked : matters[0]?.value;
  const option = useMemo<EChartOption>(() => {
    const rows = walkStages.map((stage) =>
      dashboard.stageDurations.find((row) => row.matterCode === matterCode && row.stage === stage),
    );
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: walkStages.map((stage) => t(`walkLabels.stage.${stage}`)) },
      yAxis: { type: 'value', name: t('coverage.minutesAxis') },
      series: [
        {
          name: t('coverage.median'),
          type: 'bar',
          itemStyle: { color: colours.median },
          data: rows.map((row) => (row ? Math.round(row.medianMinutes) : 0)),
        },
        {
          name: t('coverage.worst'),
          type: 'bar',
          itemStyle: { color: colours.worst },
          data: rows.map((row) => (row ? Math.round(row.worstMinutes) : 0)),
        },
      ],
    };
  }, [dashboard.stageDurations, matterCode, t]);
  return (
    <Card
      size="small"
      title={t('coverage.chartStages')}
      className="page-section chart-card"
      extra={
        matters.length > 0 ? (
          <Select
            size="small"
            value={matterCode}
            onChange={setPicked}
            options={matters}
            style={{ width: 200 }}
            aria-label={t('coverage.chartStagesMatter')}
            data-testid="chart-stage-matter"
          />
        ) : null
      }
    >
      {matters.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coverage.noData')} />
      ) : (
        <EChart
          option={option}
          height={260}
          label={t('coverage.chartStages')}
          testId="chart-stages"
        />
      )}
    </Card>
  );
}

function FindingsChart({ dashboard }: { dashboard: WalkDashboard }) {
  const { t } = useTranslation();
  const total = dashboard.findingsByCategory.reduce((sum, row) => sum + row.count, 0);
  const option = useMemo<EChartOption>(() => {
    const categories = [...findingCategories].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 92, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: categories.map((category) => t(`walkLabels.category.${category}`)),
      },
      series: [
        {
          type: 'bar',
          name: t('coverage.totalFindings'),
          itemStyle: { color: colours.median },
          label: { show: true, position: 'right' },
          data: categories.map(
            (category) =>
              dashboard.findingsByCategory.find((row) => row.category === category)?.count ?? 0,
          ),
        },
      ],
    };
  }, [dashboard.findingsByCategory, t]);
  return (
    <Card size="small" title={t('coverage.chartFindings')} className="page-section chart-card">
      {total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coverage.noData')} />
      ) : (
        <EChart
          option={option}
          height={260}
          label={t('coverage.chartFindings')}
          testId="chart-findings"
        />
      )}
    </Card>
  );
}

function ClosureChart({ dashboard }: { dashboard: WalkDashboard }) {
  const { t } = useTranslation();
  const any = dashboard.closureByMonth.some((row) => row.raised > 0 || row.closed > 0);
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: dashboard.closureByMonth.map((row) => row.month) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        {
          type: 'value',
          min: 0,
          max: 100,
          axisLabel: { formatter: '{value}%' },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t('coverage.raised'),
          type: 'bar',
          itemStyle: { color: colours.raised },
          data: dashboard.closureByMonth.map((row) => row.raised),
        },
        {
          name: t('coverage.closed'),
          type: 'bar',
          itemStyle: { color: colours.closed },
          data: dashboard.closureByMonth.map((row) => row.closed),
        },
        {
          name: t('coverage.rate'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          itemStyle: { color: colours.rate },
          tooltip: {
            valueFormatter: (value) => (typeof value === 'number' ? `${String(value)}%` : '—'),
          },
          data: dashboard.closureByMonth.map((row) =>
            row.cumulativeRate === null ? null : Math.round(row.cumulativeRate * 100),
          ),
        },
      ],
    }),
    [dashboard.closureByMonth, t],
  );
  return (
    <Card size="small" title={t('coverage.chartClosure')} className="page-section chart-card">
      {any ? (
        <EChart
          option={option}
          height={260}
          label={t('coverage.chartClosure')}
          testId="chart-closure"
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coverage.noData')} />
      )}
    </Card>
  );
}

/** The year's dashboard: where time goes in each stage, what goes wrong, how fast it is fixed. */
export function CoverageCharts({ dashboard }: { dashboard: WalkDashboard }) {
  return (
    <Row gutter={12} className="coverage-charts">
      <Col xs={24} xl={8}>
        <StageDurationChart dashboard={dashboard} />
      </Col>
      <Col xs={24} xl={8}>
        <FindingsChart dashboard={dashboard} />
      </Col>
      <Col xs={24} xl={8}>
        <ClosureChart dashboard={dashboard} />
      </Col>
    </Row>
  );
}
