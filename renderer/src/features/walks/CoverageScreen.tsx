import { flushSync } from 'react-dom';
import { useCallback, useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  Progress,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { FilePdfOutlined, FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '@shared/api/contract';
import type { Coverage } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { canRunWalks, isAdmin } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';
import { toCsv } from '../../ui/csv';
import { downloadText } from '../../ui/download-file';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { printPage } from '../../ui/print-page';
import { CoverageCharts } from './CoverageCharts';
import {
  cellIndex,
  coverageCsvRows,
  type CoverageLeader,
  type CoverageMatter,
} from './coverage-cells';
import { UnitMatrix } from './CoverageMatrix';
import { ScheduleWalkDialog, type SchedulePrefill } from './ScheduleWalkDialog';
import { useCurrentUser } from './use-current-user';
import { unitsLedBy, useUnits } from './use-units';
import { currentYear, yearOptions } from './year-options';

/** Units shown before "show all": a county has a few dozen, a generated test many more. */
const initialUnits = 30;

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((part / whole) * 100);
}

/** Per unit: leaders who walked and matters covered, against the yearly requirements. */
function UnitProgress({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('coverage.units')}
      className="page-section"
      data-testid="coverage-units"
    >
      <div className="unit-progress-grid">
        {coverage.units.map((unit) => (
          <div
            key={unit.unitId}
            className="unit-progress"
            data-testid="unit-progress"
            data-complete={String(unit.complete)}
          >
            <div className="unit-progress-head">
              <Typography.Text strong ellipsis>
                {unit.unitName}
              </Typography.Text>
              <Tag color={unit.complete ? 'success' : 'error'}>
                {unit.complete ? t('coverage.complete') : t('coverage.incomplete')}
              </Tag>
            </div>
            <Typography.Text type="secondary" className="unit-progress-label">
              {t('coverage.leadersMet', { met: unit.leadersMet, total: unit.leaders })}
            </Typography.Text>
            <Progress
              size="small"
              percent={percent(unit.leadersMet, unit.leaders)}
              status={unit.leadersMet >= unit.leaders ? 'success' : 'normal'}
            />
            <Typography.Text type="secondary" className="unit-progress-label">
              {t('coverage.mattersCovered', { covered: unit.mattersCovered, total: unit.matters })}
            </Typography.Text>
            <Progress
              size="small"
              percent={percent(unit.mattersCovered, unit.matters)}
              status={unit.mattersCovered >= unit.matters ? 'success' : 'normal'}
            />
          </div>
        ))}
      </div>
    </Card>
  );
}

/** Who has not walked, and what no one has walked, this year. */
function CoverageGaps({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const unitName = new Map(coverage.units.map((unit) => [unit.unitId, unit.unitName]));
  const leaders = coverage.leaders.filter((leader) => !leader.met);
  const matters = coverage.matters.filter((matter) => !matter.covered);
  return (
    <Card
      size="small"
      title={t('coverage.gaps')}
      className="page-section"
      data-testid="coverage-gaps"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('coverage.gapLeaders')}</Typography.Text>
          {leaders.length === 0 ? (
            <div className="gap-none">{t('coverage.noGaps')}</div>
          ) : (
            <ul className="gap-list" data-testid="gap-leaders">
              {leaders.map((leader) => (
                <li
                  key={`${String(leader.unitId)}-${String(leader.leaderId)}`}
                  data-testid="gap-leader"
                >
                  <span className="text-danger">{leader.leaderName}</span>
                  <Typography.Text type="secondary">
                    {' '}
                    {leader.title} · {unitName.get(leader.unitId)}
                  </Typography.Text>
                  {leader.scheduled > 0 || leader.inProgress > 0 ? (
                    <Tag className="gap-tag">{t('coverage.planned')}</Tag>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('coverage.gapMatters')}</Typography.Text>
          {matters.length === 0 ? (
            <div className="gap-none">{t('coverage.noGaps')}</div>
          ) : (
            <ul className="gap-list" data-testid="gap-matters">
              {matters.map((matter) => (
                <li key={`${String(matter.unitId)}-${matter.matterCode}`} data-testid="gap-matter">
                  <span className="text-danger">{matter.matterName}</span>
                  <Typography.Text type="secondary">
                    {' '}
                    · {unitName.get(matter.unitId)}
                  </Typography.Text>
                  {matter.planned ? <Tag className="gap-tag">{t('coverage.planned')}</Tag> : null}
                </li>
              ))}
            </ul>
          )}
        </Col>
      </Row>
    </Card>
  );
}

/** `/coverage`: the year's coverage of leaders and high-frequency matters, gaps and charts. */
export function CoverageScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const user = useCurrentUser();
  const admin = user !== undefined && isAdmin(user.role);
  const leader = user !== undefined && canRunWalks(user.role);
  const userId = user?.id;
  const units = useUnits();
  const [year, setYear] = useState(currentYear());
  const [unitId, setUnitId] = useState<number>();
  const [matterCode, setMatterCode] = useState<string>();
  const [showAll, setShowAll] = useState(false);
  const [prefill, setPrefill] = useState<SchedulePrefill>();

  const input: MethodInput<'coverage.matrix'> = {
    year,
    ...(unitId === undefined ? {} : { unitId }),
    ...(matterCode === undefined ? {} : { matterCode }),
  };
  const coverage = useQuery({
    queryKey: queryKeys.coverageMatrix(input),
    queryFn: () => client.coverage.matrix(input),
    placeholderData: keepPreviousData,
  });
  const dashboard = useQuery({
    queryKey: queryKeys.coverageDashboard(input),
    queryFn: () => client.coverage.dashboard(input),
    placeholderData: keepPreviousData,
  });

  const matterOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const unit of units.data ?? [])
      if (unitId === undefined || unit.id === unitId)
        for (const matter of unit.matters)
          if (matter.highFrequency) seen.set(matter.matterCode, matter.matterName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [units.data, unitId]);

  const cells = useMemo(
    () => (coverage.data ? cellIndex(coverage.data) : new Map()),
    [coverage.data],
  );
  const canSchedule = useCallback(
    (row: CoverageLeader) => admin || (leader && row.leaderId === userId),
    [admin, leader, userId],
  );
  const onSchedule = useCallback((row: CoverageLeader, matter: CoverageMatter) => {
    setPrefill({ unitId: row.unitId, leaderId: row.leaderId, matterCode: matter.matterCode });
  }, []);

  const exportCsv = () => {
    if (!coverage.data) return;
    const names = new Map(coverage.data.units.map((unit) => [unit.unitId, unit.unitName]));
    // The figures' own year: while a new year loads, the previous answer is still shown.
    const shownYear = coverage.data.year;
    const rows = coverageCsvRows(coverage.data, names, {
      title: t('coverage.csv.matrix', { year: shownYear }),
      header: [
        t('coverage.csv.unit'),
        t('coverage.csv.leader'),
        t('coverage.csv.title'),
        t('coverage.csv.matterCode'),
        t('coverage.csv.matterName'),
        t('coverage.csv.done'),
        t('coverage.csv.inProgress'),
        t('coverage.csv.scheduled'),
        t('coverage.csv.state'),
      ],
      states: {
        done: t('coverage.csv.done'),
        inProgress: t('coverage.csv.inProgress'),
        scheduled: t('coverage.csv.scheduled'),
        missing: t('coverage.missing'),
      },
      gaps: t('coverage.csv.gaps'),
      gapHeader: [
        t('coverage.csv.kind'),
        t('coverage.csv.unit'),
        t('coverage.csv.name'),
        t('coverage.csv.note'),
      ],
      leaderGap: t('coverage.csv.leaderGap'),
      matterGap: t('coverage.csv.matterGap'),
      planned: t('coverage.planned'),
    });
    downloadText(
      t('coverage.csv.file', { year: shownYear }),
      toCsv(rows),
      'text/csv;charset=utf-8',
    );
  };
  const print = useMutation({
    mutationFn: () => {
      // The PDF holds every unit, not only the first screenful.
      flushSync(() => {
        setShowAll(true);
      });
      return printPage(t('coverage.pdfFile', { year: coverage.data?.year ?? year }));
    },
  });

  const data = coverage.data;
  const shownUnits = data ? (showAll ? data.units : data.units.slice(0, initialUnits)) : [];
  const scheduleUnits = admin ? (units.data ?? []) : unitsLedBy(units.data ?? [], user?.id);
  const totals = dashboard.data?.totals;

  return (
    <div className="page page-scroll coverage-page" data-testid="coverage-screen">
      <Card className="page-section">
        <div className="page-toolbar">
          <Typography.Title level={4} className="page-title">
            {t('coverage.title')}
            <span className="print-only"> · {year}</span>
          </Typography.Title>
          <Space wrap className="no-print">
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 100 }}
              aria-label={t('coverage.year')}
              options={yearOptions().map((value) => ({ value, label: String(value) }))}
              data-testid="coverage-year"
            />
            <Select
              value={unitId}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('coverage.allUnits')}
              onChange={(value: number | undefined) => {
                setUnitId(value);
                setMatterCode(undefined);
              }}
              style={{ width: 200 }}
              aria-label={t('coverage.unit')}
              options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
              data-testid="coverage-unit"
            />
            <Select
              value={matterCode}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('coverage.allMatters')}
              onChange={(value: string | undefined) => {
                setMatterCode(value);
              }}
              style={{ width: 220 }}
              aria-label={t('coverage.matter')}
              options={matterOptions}
              data-testid="coverage-matter"
            />
            {coverage.isFetching || dashboard.isFetching ? <Spin size="small" /> : null}
          </Space>
          <span className="page-toolbar-spacer" />
          <Space className="no-print">
            <Button
              icon={<FileExcelOutlined />}
              disabled={!data}
              onClick={exportCsv}
              data-testid="coverage-csv"
            >
              {t('coverage.exportCsv')}
            </Button>
            <Button
              icon={<FilePdfOutlined />}
              disabled={!data}
              loading={print.isPending}
              onClick={() => {
                print.mutate();
              }}
              data-testid="coverage-pdf"
            >
              {t('coverage.exportPdf')}
            </Button>
          </Space>
        </div>
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {t('coverage.subtitle')}
        </Typography.Paragraph>
        <ErrorAlert error={coverage.error ?? dashboard.error ?? print.error ?? undefined} />
        {totals ? (
          <div className="coverage-totals" data-testid="coverage-totals">
            <Statistic title={t('coverage.totalWalks')} value={totals.walks} />
            <Statistic title={t('coverage.totalFindings')} value={totals.findings} />
            <Statistic title={t('coverage.totalRectifications')} value={totals.rectifications} />
            <Statistic title={t('coverage.totalClosed')} value={totals.closed} />
            <Statistic
              title={t('coverage.totalOverdue')}
              value={totals.overdue}
              className={totals.overdue > 0 ? 'statistic-danger' : undefined}
            />
          </div>
        ) : null}
      </Card>
      {coverage.isPending ? (
        <div className="page-center">
          <Spin description={t('coverage.loading')} size="large">
            <div className="spin-box" />
          </Spin>
        </div>
      ) : data && data.units.length === 0 ? (
        <Card className="page-section">
          <EmptyState title={t('coverage.noUnits')} hint={t('coverage.noUnitsHint')} />
        </Card>
      ) : data ? (
        <>
          <UnitProgress coverage={data} />
          <CoverageGaps coverage={data} />
          <Card
            size="small"
            title={t('coverage.matrix')}
            extra={
              <Typography.Text type="secondary" className="no-print">
                {t('coverage.matrixHint')}
              </Typography.Text>
            }
            className="page-section coverage-matrix-card"
          >
            {shownUnits.map((unit) => (
              <UnitMatrix
                key={unit.unitId}
                unit={unit}
                leaders={data.leaders.filter((row) => row.unitId === unit.unitId)}
                matters={data.matters.filter((row) => row.unitId === unit.unitId)}
                cells={cells}
                canSchedule={canSchedule}
                onSchedule={onSchedule}
              />
            ))}
            {!showAll && data.units.length > initialUnits ? (
              <Button
                block
                className="no-print"
                onClick={() => {
                  setShowAll(true);
                }}
              >
                {t('coverage.showAll', { count: data.units.length })}
              </Button>
            ) : null}
          </Card>
          {dashboard.data ? <CoverageCharts dashboard={dashboard.data} /> : null}
        </>
      ) : null}
      {prefill ? (
        <ScheduleWalkDialog
          units={scheduleUnits}
          unitsLoading={units.isPending}
          pickLeader={admin}
          prefill={prefill}
          onClose={() => {
            setPrefill(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
