import { useMemo } from 'react';
import { Button, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, ClockCircleOutlined, SyncOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { Coverage } from '@shared/api/walks';
import { DataTable } from '../../ui/DataTable';
import {
  cellKey,
  cellState,
  type CoverageCell,
  type CoverageLeader,
  type CoverageMatter,
} from './coverage-cells';

interface UnitMatrixProps {
  unit: Coverage['units'][number];
  leaders: CoverageLeader[];
  matters: CoverageMatter[];
  cells: ReadonlyMap<string, CoverageCell>;
  /** Whether the viewer may plan this leader's walk (their own, or any for an admin). */
  canSchedule: (leader: CoverageLeader) => boolean;
  onSchedule: (leader: CoverageLeader, matter: CoverageMatter) => void;
}

function Cell({
  cell,
  onSchedule,
}: {
  cell: CoverageCell | undefined;
  onSchedule: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const state = cellState(cell);
  const detail = [
    t('coverage.done', { count: cell?.done ?? 0 }),
    t('coverage.inProgress', { count: cell?.inProgress ?? 0 }),
    t('coverage.scheduled', { count: cell?.scheduled ?? 0 }),
  ].join(' · ');
  const content =
    state === 'done' ? (
      <Tag color="success" icon={<CheckOutlined />} className="matrix-tag">
        {cell?.done}
      </Tag>
    ) : state === 'inProgress' ? (
      <Tag color="processing" icon={<SyncOutlined />} className="matrix-tag">
        {cell?.inProgress}
      </Tag>
    ) : state === 'scheduled' ? (
      <Tag icon={<ClockCircleOutlined />} className="matrix-tag">
        {t('coverage.planned')}
      </Tag>
    ) : onSchedule ? (
      <Button
        size="small"
        danger
        className="matrix-missing"
        onClick={onSchedule}
        data-testid="matrix-schedule"
      >
        {t('coverage.missing')}
      </Button>
    ) : (
      <Tag color="error" className="matrix-tag">
        {t('coverage.missing')}
      </Tag>
    );
  return (
    <Tooltip title={detail}>
      <span className="matrix-cell" data-testid="matrix-cell" data-state={state}>
        {content}
      </span>
    </Tooltip>
  );
}

/** One unit's leaders (rows) against its high-frequency matters (columns). */
export function UnitMatrix({
  unit,
  leaders,
  matters,
  cells,
  canSchedule,
  onSchedule,
}: UnitMatrixProps) {
  const { t } = useTranslation();
  const columns = useMemo<ColumnDef<CoverageLeader>[]>(
    () => [
      {
        header: t('coverage.leader'),
        id: 'leader',
        cell: ({ row: { original: leader } }) => (
          <span className="matrix-leader">
            <Typography.Text strong>{leader.leaderName}</Typography.Text>
            <Typography.Text type="secondary">{leader.title}</Typography.Text>
          </span>
        ),
      },
      ...matters.map<ColumnDef<CoverageLeader>>((matter) => ({
        id: matter.matterCode,
        header: () => (
          <Tooltip title={matter.matterCode}>
            <span className={`matrix-matter${matter.covered ? '' : ' matrix-matter-gap'}`}>
              {matter.matterName}
            </span>
          </Tooltip>
        ),
        cell: ({ row: { original: leader } }) => (
          <Cell
            cell={cells.get(cellKey(leader.unitId, leader.leaderId, matter.matterCode))}
            onSchedule={
              canSchedule(leader)
                ? () => {
                    onSchedule(leader, matter);
                  }
                : undefined
            }
          />
        ),
      })),
      {
        header: t('coverage.total'),
        id: 'total',
        cell: ({ row: { original: leader } }) => (
          <span className="matrix-total">
            <Tag
              color={leader.met ? 'success' : 'error'}
              data-testid="matrix-met"
              data-met={String(leader.met)}
            >
              {leader.met ? t('coverage.met') : t('coverage.notMet')}
            </Tag>
            <Typography.Text type="secondary" className="nowrap">
              {t('coverage.done', { count: leader.done })}
            </Typography.Text>
          </span>
        ),
      },
    ],
    [t, matters, cells, canSchedule, onSchedule],
  );
  return (
    <section className="matrix-unit" data-testid="matrix-unit" data-unit={unit.unitId}>
      <Typography.Title level={5} className="matrix-unit-title">
        {unit.unitName}
      </Typography.Title>
      {matters.length === 0 ? (
        <Typography.Text type="secondary">{t('coverage.noMatters')}</Typography.Text>
      ) : null}
      <DataTable
        data={leaders}
        columns={columns}
        getRowId={(leader) => String(leader.leaderId)}
        empty={<Typography.Text type="secondary">{t('coverage.noLeaders')}</Typography.Text>}
        testId="coverage-matrix"
        rowTestId="matrix-row"
        caption={`${t('coverage.matrix')} · ${unit.unitName}`}
      />
    </section>
  );
}
