import { currentYear } from './year-options';
import { Button, Card, Col, Progress, Row, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** A leader's own year: walks done against the yearly minimum, their units' matters, fixes. */
export function MyYearCard({ userId, units }: { userId: number; units: readonly Unit[] }) {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const year = currentYear();
  const coverageInput = { year, ...(units.length === 1 ? { unitId: units[0]?.id } : {}) };
  const coverage = useQuery({
    queryKey: queryKeys.coverageMatrix(coverageInput),
    queryFn: () => client.coverage.matrix(coverageInput),
    enabled: units.length > 0,
  });
  const rectInput = { mine: true };
  const rectifications = useQuery({
    queryKey: queryKeys.rectificationList(rectInput),
    queryFn: () => client.rectifications.list(rectInput),
  });
  const mine = (coverage.data?.leaders ?? []).filter((leader) => leader.leaderId === userId);
  const done = mine.reduce((sum, leader) => sum + leader.done, 0);
  // The minimum holds per unit: a leader on two teams walks for each.
  const met = mine.length > 0 && mine.every((leader) => leader.met);
  const inProgress = mine.reduce((sum, leader) => sum + leader.inProgress, 0);
  const scheduled = mine.reduce((sum, leader) => sum + leader.scheduled, 0);
  const unitIds = new Set(units.map((unit) => unit.id));
  const unitRows = (coverage.data?.units ?? []).filter((unit) => unitIds.has(unit.unitId));
  const uncovered = (coverage.data?.matters ?? []).filter(
    (matter) => unitIds.has(matter.unitId) && !matter.covered,
  );
  const open = (rectifications.data ?? []).filter((item) => item.state !== 'closed').length;
  const overdue = (rectifications.data ?? []).filter((item) => item.overdue).length;

  return (
    <Card
      className="page-section"
      size="small"
      title={t('walks.progressTitle', { year })}
      data-testid="walk-year-card"
    >
      <ErrorAlert error={coverage.error ?? rectifications.error ?? undefined} />
      <Row gutter={[24, 12]}>
        <Col xs={24} md={8}>
          <Space orientation="vertical" size={4}>
            <Typography.Text
              className={`year-card-big ${met ? 'text-success' : 'text-danger'}`}
              data-testid="walk-year-done"
            >
              {t('walks.progressDone', { count: done })}
            </Typography.Text>
            <Typography.Text type={met ? 'success' : 'danger'} data-testid="walk-year-met">
              {met ? t('walks.progressMet') : t('walks.progressNotMet')}
            </Typography.Text>
            <Space size={4}>
              {inProgress > 0 ? (
                <Tag color="processing">{t('walks.progressInProgress', { count: inProgress })}</Tag>
              ) : null}
              {scheduled > 0 ? (
                <Tag>{t('walks.progressScheduled', { count: scheduled })}</Tag>
              ) : null}
            </Space>
          </Space>
        </Col>
        <Col xs={24} md={10}>
          {unitRows.map((unit) => (
            <div key={unit.unitId} className="year-card-unit">
              <Typography.Text>
                {t('walks.unitMatters', {
                  unit: unit.unitName,
                  covered: unit.mattersCovered,
                  total: unit.matters,
                })}
              </Typography.Text>
              <Progress
                percent={
                  unit.matters === 0 ? 100 : Math.round((unit.mattersCovered / unit.matters) * 100)
                }
                size="small"
                status={unit.complete ? 'success' : 'active'}
              />
            </div>
          ))}
          {uncovered.length > 0 ? (
            <Typography.Paragraph type="secondary" className="year-card-uncovered">
              {t('walks.uncovered')}
              {uncovered.map((matter) => (
                <Tag
                  key={`${String(matter.unitId)}-${matter.matterCode}`}
                  color={matter.planned ? 'default' : 'red'}
                >
                  {matter.matterName}
                </Tag>
              ))}
            </Typography.Paragraph>
          ) : null}
        </Col>
        <Col xs={24} md={6}>
          <Space orientation="vertical" size={4}>
            <Typography.Text strong>{t('walks.myRectifications')}</Typography.Text>
            <Space>
              <Tag color="processing">{t('walks.openRectifications', { count: open })}</Tag>
              <Tag color={overdue > 0 ? 'error' : 'default'}>
                {t('walks.overdueRectifications', { count: overdue })}
              </Tag>
            </Space>
            <Button size="small" onClick={() => void navigate('/rectifications')}>
              {t('nav.rectifications')}
            </Button>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}

/** An admin's view of the year: units meeting the requirements, overdue fixes. */
export function AdminYearCard() {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const year = currentYear();
  const input = { year };
  const coverage = useQuery({
    queryKey: queryKeys.coverageMatrix(input),
    queryFn: () => client.coverage.matrix(input),
  });
  const units = coverage.data?.units ?? [];
  const complete = units.filter((unit) => unit.complete).length;
  return (
    <Card className="page-section" size="small" data-testid="walk-year-card">
      <ErrorAlert error={coverage.error ?? undefined} />
      <Space size="large" wrap>
        <Typography.Text strong>
          {t('walks.adminProgress', { year, complete, total: units.length })}
        </Typography.Text>
        <Progress
          percent={units.length === 0 ? 0 : Math.round((complete / units.length) * 100)}
          style={{ width: 240 }}
          size="small"
        />
        <Button size="small" onClick={() => void navigate('/coverage')}>
          {t('walks.seeCoverage')}
        </Button>
      </Space>
    </Card>
  );
}
