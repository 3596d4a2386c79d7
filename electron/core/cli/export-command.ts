import { stringify } from 'yaml';
import { KNOWLEDGE_FORMAT, KNOWLEDGE_FORMAT_VERSION } from '@shared/knowledge/format';
import { CaseRepository, CaseService } from '../cases';
import { businessDate } from '@shared/domain/business-date';
import { systemClock } from '../clock';
import type { Db } from '../db/connection';
import { KnowledgeRepository } from '../knowledge';

/**
 * `bangban export knowledge`: every version of every item as one knowledge file, which imports
 * back unchanged. Items are exported in version order so re-importing rebuilds the same history.
 */
export function exportKnowledge(db: Db): string {
  return stringify({
    format: KNOWLEDGE_FORMAT,
    formatVersion: KNOWLEDGE_FORMAT_VERSION,
    publisher: 'bangban export',
    publishedAt: businessDate(systemClock.now()),
    ...new KnowledgeRepository(db).allDocuments(),
  });
}

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `bangban export cases`: an Excel-compatible CSV (UTF-8 with BOM), personal data masked. */
export function exportCases(db: Db): string {
  const service = new CaseService(
    db,
    new CaseRepository(db),
    new KnowledgeRepository(db),
    systemClock,
    // The list has no deadlines, so it needs no holiday calendar.
    undefined,
  );
  const { rows } = service.list({
    query: '',
    sort: { field: 'createdAt', direction: 'asc' },
    limit: 20000,
  });
  const header = [
    '受理编号',
    '事项编码',
    '事项',
    '申请人',
    '证件号',
    '状态',
    '已收材料',
    '材料总数',
    '创建人',
    '创建时间',
  ];
  const lines = rows.map((row) =>
    [
      row.reference,
      row.matterCode,
      row.matterName,
      row.applicantName,
      row.applicantIdMasked,
      row.status,
      row.materialsReceived,
      row.materialsTotal,
      row.createdBy,
      row.createdAt,
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
