import { useTranslation } from 'react-i18next';
import type { WalkDetail } from '@shared/api/walks';
import { formatDate, formatDateTime } from '../../ui/format';
import { formatMinutes } from './format-duration';
import { StageBars } from './StageBars';

const ordinals = '一二三四五六七八九十';
function ordinal(index: number): string {
  return index < 10 ? (ordinals[index] ?? String(index + 1)) : String(index + 1);
}

function stars(count: number | null): string {
  return count === null ? '—' : '★'.repeat(count) + '☆'.repeat(5 - count);
}

/** The walk on one A4 page: what, who, where, stage times, findings, fixes, feedback, summary. */
export function WalkReportDocument({ walk }: { walk: WalkDetail }) {
  const { t } = useTranslation();
  const total = walk.stages.reduce((sum, stage) => sum + (stage.durationMinutes ?? 0), 0);
  const date = (walk.startedAt ? formatDate(walk.startedAt) : walk.plannedDate) ?? '';
  return (
    <article className="report-sheet" data-testid="walk-report-document" lang="zh-CN">
      <header className="report-head">
        <div className="report-unit">{walk.unitName}</div>
        <h1 className="report-title">{t('report.title')}</h1>
        <div className="report-number mono">
          {/* The uid's first block: short enough to quote on the phone, unique in practice. */}
          {t('report.number', { number: walk.uid.slice(0, 8).toUpperCase() })}
        </div>
      </header>

      <section className="report-section">
        <h2>{t('report.basics')}</h2>
        <table className="report-table report-basics">
          <tbody>
            <tr>
              <th>{t('report.matter')}</th>
              <td>{walk.matterName}</td>
              <th>{t('report.unit')}</th>
              <td>{walk.unitName}</td>
            </tr>
            <tr>
              <th>{t('report.leader')}</th>
              <td>{walk.leaderName}</td>
              <th>{t('report.hall')}</th>
              <td>{walk.hall}</td>
            </tr>
            <tr>
              <th>{t('report.date')}</th>
              <td>{date}</td>
              <th>{t('report.case')}</th>
              <td className="mono">{walk.caseReference ?? '—'}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section className="report-section">
        <h2>
          {t('report.timeline')}
          <span className="report-h2-note">
            {t('report.total', { duration: formatMinutes(t, total) })}
          </span>
        </h2>
        <StageBars stages={walk.stages} />
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('report.stage')}</th>
              <th>{t('report.start')}</th>
              <th>{t('report.end')}</th>
              <th>{t('walk.duration')}</th>
              <th>{t('walk.channel')}</th>
              <th>{t('walk.rating')}</th>
              <th>{t('walk.observations')}</th>
            </tr>
          </thead>
          <tbody>
            {walk.stages.map((stage) => (
              <tr key={stage.stage} data-testid="report-stage">
                <td className="nowrap">{t(`walkLabels.stage.${stage.stage}`)}</td>
                <td className="nowrap">{formatDateTime(stage.startedAt)}</td>
                <td className="nowrap">{formatDateTime(stage.endedAt)}</td>
                <td className="nowrap">{formatMinutes(t, stage.durationMinutes)}</td>
                <td>{stage.channel ? t(`walkLabels.channel.${stage.channel}`) : '—'}</td>
                <td className="nowrap report-stars">{stars(stage.rating)}</td>
                <td>{stage.observations ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section">
        <h2>{t('report.findings')}</h2>
        {walk.findings.length === 0 ? (
          <p>{t('report.noFindings')}</p>
        ) : (
          <ol className="report-findings">
            {walk.findings.map((finding, index) => (
              <li key={finding.id} data-testid="report-finding">
                <b>
                  {ordinal(index)}、{t(`walkLabels.category.${finding.category}`)}（
                  {t(`walkLabels.severity.${finding.severity}`)}
                  {finding.stage ? ` · ${t(`walkLabels.stage.${finding.stage}`)}` : ''}）
                </b>
                {finding.description}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="report-section">
        <h2>{t('report.rectifications')}</h2>
        {walk.rectifications.length === 0 ? (
          <p>{t('report.noRectifications')}</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('rectification.action')}</th>
                <th>{t('report.owner')}</th>
                <th>{t('report.due')}</th>
                <th>{t('rectification.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {walk.rectifications.map((item) => (
                <tr key={item.id} data-testid="report-rectification">
                  <td>{item.action}</td>
                  <td>
                    {item.ownerUnitName} · {item.ownerPerson}
                  </td>
                  <td className="nowrap">{item.dueDate}</td>
                  <td className={`nowrap${item.overdue ? ' report-overdue' : ''}`}>
                    {t(`walkLabels.rectification.${item.status}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="report-section report-feedback">
        <h2>{t('report.feedback')}</h2>
        {walk.feedback ? (
          <p>
            {t('walk.satisfaction')}：
            <span className="report-stars">{stars(walk.feedback.satisfaction)}</span>
            {walk.feedback.comment ? `\u3000“${walk.feedback.comment}”` : ''}
          </p>
        ) : (
          <p>{t('walk.noFeedback')}</p>
        )}
        <p>
          {t('report.leaderRating')}：
          <span className="report-stars">{stars(walk.leaderRating)}</span>
        </p>
      </section>

      <section className="report-section">
        <h2>{t('report.summary')}</h2>
        <p className="report-summary" data-testid="report-summary">
          {walk.summary ?? t('report.noSummary')}
        </p>
        {walk.summaryReviewedBy ? (
          <p className="report-reviewed">
            {t('report.reviewedBy', { name: walk.summaryReviewedBy })}
          </p>
        ) : null}
      </section>

      <footer className="report-foot">
        {t('report.printedAt', { at: formatDateTime(new Date().toISOString()) })}
      </footer>
    </article>
  );
}
