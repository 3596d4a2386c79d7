import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartOption } from '../ui/EChart';
import { formatPercent } from '../ui/format';
import { RESOLUTION_TARGET, percentPoint, type HelpDay } from '@shared/domain/help-figures';
import { durationText } from './help-stats';

interface HelpTrendChartProps {
  days: HelpDay[];
  /** Whose days these are, for the chart's accessible label. */
  departmentLabel: string;
}

const colors = { withinMinute: '#1f5fbf', resolution: '#389e0d', target: '#cf1322' };

/**
 * Day by day: the share answered within a minute (bars) and the resolution rate (a line), against
 * the 90% target.
 */
export function HelpTrendChart({ days, departmentLabel }: HelpTrendChartProps) {
  const { t } = useTranslation();

  const option = useMemo<EChartOption>(() => {
    const withinName = t('remote.indicators.withinMinute');
    const resolutionName = t('remote.indicators.resolution');
    const tooltipOf = (index: number): string => {
      const day = days[index];
      if (!day) return '';
      const { figures } = day;
      const lines = [
        `<strong>${day.day}</strong>`,
        t('remote.indicators.tooltipRequests', { count: figures.requests }),
        `${withinName} ${t('remote.indicators.shareOf', {
          share: formatPercent(figures.withinMinuteRate),
          part: figures.answeredWithinMinute,
          whole: figures.answerable,
        })}`,
        `${resolutionName} ${t('remote.indicators.shareOf', {
          share: formatPercent(figures.resolutionRate),
          part: figures.resolved,
          whole: figures.closed,
        })}`,
      ];
      if (day.medianFirstResponseSeconds !== null)
        lines.push(
          t('remote.indicators.median', {
            time: durationText(t, day.medianFirstResponseSeconds),
          }),
        );
      return lines.join('<br/>');
    };
    return {
      animation: false,
      color: [colors.withinMinute, colors.resolution],
      grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemGap: 24 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const first = Array.isArray(params) ? params[0] : params;
          return tooltipOf(first?.dataIndex ?? -1);
        },
      },
      xAxis: {
        type: 'category',
        data: days.map((day) => day.day.slice(5)),
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        interval: 25,
        axisLabel: { formatter: '{value}%' },
      },
      series: [
        {
          type: 'bar',
          name: withinName,
          barMaxWidth: 22,
          data: days.map((day) => percentPoint(day.figures.withinMinuteRate)),
        },
        {
          type: 'line',
          name: resolutionName,
          connectNulls: true,
          symbolSize: 7,
          data: days.map((day) => percentPoint(day.figures.resolutionRate)),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: colors.target, type: 'dashed', width: 1.5 },
            label: {
              position: 'insideStartTop',
              color: colors.target,
              formatter: t('remote.indicators.resolutionTarget', {
                target: formatPercent(RESOLUTION_TARGET),
              }),
            },
            data: [{ yAxis: RESOLUTION_TARGET * 100 }],
          },
        },
      ],
    };
  }, [days, t]);

  const first = days[0]?.day ?? '';
  const last = days.at(-1)?.day ?? '';
  return (
    <EChart
      option={option}
      height={280}
      label={t('remote.indicators.chartLabel', {
        department: departmentLabel,
        from: first,
        to: last,
      })}
      testId="help-trend-chart"
    />
  );
}
