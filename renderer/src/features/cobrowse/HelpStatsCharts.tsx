import { useMemo, useState } from 'react';
import { Card, Col, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HelpStatsRow } from '@shared/api/remote';
import { EChart, type EChartOption } from '../../ui/EChart';
import {
  helpFiguresByDay,
  helpFiguresByDepartment,
  percentPoint,
  RESOLUTION_TARGET,
} from '@shared/domain/help-figures';

const colours = {
  requests: '#c9d6ea',
  withinMinute: '#1f5fbf',
  resolved: '#3aa56b',
  target: '#e8590c',
};

const percentAxis = {
  type: 'value' as const,
  min: 0,
  max: 100,
  axisLabel: { formatter: '{value}%' },
};

const percentTooltip = {
  valueFormatter: (value: unknown) => (typeof value === 'number' ? `${String(value)}%` : '—'),
};

interface ChartsProps {
  rows: HelpStatsRow[];
  from: string;
  to: string;
}

/** Per day: requests (bars) and the two shares the "021" standard asks for (lines). */
function DailyChart({ rows, from, to }: ChartsProps) {
  const { t } = useTranslation();
  const departments = useMemo(() => [...new Set(rows.map((row) => row.department))], [rows]);
  const [picked, setPicked] = useState<string>();
  const department = picked !== undefined && departments.includes(picked) ? picked : undefined;
  const option = useMemo<EChartOption>(() => {
    const days = helpFiguresByDay(rows, from, to, department);
    const target = t('help.target', { value: `${String(RESOLUTION_TARGET * 100)}%` });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 52, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days.map(({ day }) => day.slice(5)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { ...percentAxis, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('help.requests'),
          type: 'bar',
          itemStyle: { color: colours.requests },
          data: days.map(({ figures }) => figures.requests),
        },
        {
          name: t('help.withinMinuteRate'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: false,
          showSymbol: true,
          symbolSize: 7,
          itemStyle: { color: colours.withinMinute },
          tooltip: percentTooltip,
          data: days.map(({ figures }) => percentPoint(figures.withinMinuteRate)),
        },
        {
          name: t('help.resolutionRate'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: false,
          showSymbol: true,
          symbolSize: 7,
          itemStyle: { color: colours.resolved },
          tooltip: percentTooltip,
          data: days.map(({ figures }) => percentPoint(figures.resolutionRate)),
          markLine: {
            symbol: 'none',
            lineStyle: { color: colours.target, type: 'dashed' },
            label: { formatter: target, position: 'insideEndTop' },
            data: [{ yAxis: RESOLUTION_TARGET * 100 }],
          },
        },
      ],
    };
  }, [rows, from, to, department, t]);
  return (
    <Card
      size="small"
      title={t('help.byDay')}
      className="page-section help-chart-card"
      extra={
        <Select
          size="small"
          allowClear
          value={department}
          placeholder={t('help.allDepartments')}
          onChange={(value: string | undefined) => {
            setPicked(value);
          }}
          options={departments.map((value) => ({ value, label: value }))}
          style={{ width: 200 }}
          aria-label={t('help.department')}
          data-testid="help-stats-department"
        />
      }
    >
      <EChart option={option} height={280} label={t('help.byDay')} testId="help-chart-daily" />
    </Card>
  );
}

/** Per department over the period: the two shares side by side, against the 90% line. */
function DepartmentChart({ rows }: { rows: HelpStatsRow[] }) {
  const { t } = useTranslation();
  const byDepartment = useMemo(() => helpFiguresByDepartment(rows).reverse(), [rows]);
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', ...percentTooltip },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 24, containLabel: true },
      xAxis: percentAxis,
      yAxis: { type: 'category', data: byDepartment.map(({ department }) => department) },
      series: [
        {
          name: t('help.withinMinuteRate'),
          type: 'bar',
          itemStyle: { color: colours.withinMinute },
          data: byDepartment.map(({ figures }) => percentPoint(figures.withinMinuteRate)),
        },
        {
          name: t('help.resolutionRate'),
          type: 'bar',
          itemStyle: { color: colours.resolved },
          data: byDepartment.map(({ figures }) => percentPoint(figures.resolutionRate)),
          markLine: {
            symbol: 'none',
            lineStyle: { color: colours.target, type: 'dashed' },
            label: { formatter: '90%' },
            data: [{ xAxis: RESOLUTION_TARGET * 100 }],
          },
        },
      ],
    }),
    [byDepartment, t],
  );
  return (
    <Card size="small" title={t('help.byDepartment')} className="page-section help-chart-card">
      <EChart
        option={option}
        height={Math.max(200, 80 + byDepartment.length * 56)}
        label={t('help.byDepartment')}
        testId="help-chart-departments"
      />
    </Card>
  );
}

/** The period's charts: how each day went, and how the departments compare. */
export function HelpStatsCharts(props: ChartsProps) {
  return (
    <Row gutter={12}>
      <Col xs={24} xl={14}>
        <DailyChart {...props} />
      </Col>
      <Col xs={24} xl={10}>
        <DepartmentChart rows={props.rows} />
      </Col>
    </Row>
  );
}
