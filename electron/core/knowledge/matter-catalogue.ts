import { ApiError, type MatterDetail, type MatterSummary, type ParsedInput } from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import type { Clock } from '../clock';
import type { KnowledgeRepository, StoredMatter } from './knowledge-repository';

function summary(matter: StoredMatter): MatterSummary {
  const { document, ...rest } = matter;
  return rest;
}

/** Finding matters in effect: by code, name, alias, pinyin or initials, best match first. */
export class MatterCatalogue {
  constructor(
    private readonly repository: KnowledgeRepository,
    private readonly clock: Clock,
  ) {}

  search(input: ParsedInput<'matters.search'>): MatterSummary[] {
    const query = input.query.toLowerCase().replace(/\s+/g, '');
    const candidates = this.repository
      .mattersInEffect(businessDate(this.clock.now()))
      .filter((matter) => !input.highFrequencyOnly || matter.highFrequency)
      .filter(
        (matter) =>
          input.subjectKind === undefined ||
          matter.subjectKind === 'both' ||
          matter.subjectKind === input.subjectKind,
      );
    if (query === '') return candidates.slice(0, input.limit).map(summary);
    return candidates
      .map((matter) => ({ matter, score: score(matter, query) }))
      .filter((ranked) => ranked.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, input.limit)
      .map((ranked) => summary(ranked.matter));
  }

  get(id: number): MatterDetail {
    const matter = this.repository.matterById(id);
    if (!matter) throw new ApiError('NOT_FOUND', { path: ['id'] });
    const document = matter.document;
    return {
      ...summary(matter),
      aliases: document.aliases,
      legalDays: document.legalDays ?? null,
      fees: document.fees,
      conditions: document.conditions,
      legalBasis: document.legalBasis,
      composedOf: document.composedOf,
      materials: document.materials.map((material, position) => ({ ...material, position })),
      reviewPoints: document.reviewPoints.map((point, position) => ({ ...point, position })),
      versions: this.repository.versionsOf(matter.code),
    };
  }
}

/** Exact code, then name or initials prefix, then anywhere in the search text. */
function score(matter: StoredMatter & { searchText: string }, query: string): number {
  if (matter.code.toLowerCase() === query) return 100;
  if (matter.name.startsWith(query)) return 80;
  if (matter.pinyinInitials.startsWith(query)) return 70;
  if (matter.name.includes(query)) return 60;
  if (matter.searchText.includes(query)) return 40;
  return 0;
}
