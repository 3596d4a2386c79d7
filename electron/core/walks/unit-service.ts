import { randomUUID } from 'node:crypto';
import { ApiError, type ParsedInput, type Unit } from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { appendOutbox } from '../db/outbox';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository';
import type { UnitRecord, UnitRepository } from './unit-repository';

/** A catalogue matter as units see it. */
export interface CatalogueMatter {
  code: string;
  name: string;
  department: string;
  highFrequency: boolean;
}

/** The matters in effect today, by code: names for screens and the catalogue's own flag. */
export function catalogueByCode(
  knowledge: KnowledgeRepository,
  clock: Clock,
): Map<string, CatalogueMatter> {
  return new Map(
    knowledge.matterNamesInEffect(businessDate(clock.now())).map((matter) => [matter.code, matter]),
  );
}

/** Units (departments, halls), their leadership teams and the matters they count. */
export class UnitService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitRepository,
    private readonly knowledge: KnowledgeRepository,
    private readonly clock: Clock,
  ) {}

  /** Every unit, or the one asked for. */
  list(onlyId?: number): Unit[] {
    const catalogue = catalogueByCode(this.knowledge, this.clock);
    const leaders = this.units.leaders();
    const matters = this.units.matters();
    const units = this.units.all().filter((unit) => onlyId === undefined || unit.id === onlyId);
    return units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      kind: unit.kind,
      department: unit.department,
      updatedAt: unit.updatedAt,
      leaders: leaders
        .filter((leader) => leader.unitId === unit.id)
        .map(({ userId, displayName, username, title }) => ({
          userId,
          displayName,
          username,
          title,
        })),
      matters: matters
        .filter((matter) => matter.unitId === unit.id)
        .map((matter) => {
          const known = catalogue.get(matter.matterCode);
          return {
            matterCode: matter.matterCode,
            matterName: known?.name ?? matter.matterCode,
            catalogueHighFrequency: known?.highFrequency ?? false,
            highFrequency: matter.highFrequency,
          };
        })
        .sort((a, b) => Number(b.highFrequency) - Number(a.highFrequency)),
    }));
  }

  get(id: number): Unit {
    const [unit] = this.list(id);
    if (!unit) throw new ApiError('NOT_FOUND', { path: ['id'] });
    return unit;
  }

  save(input: ParsedInput<'units.save'>): Unit {
    const existing = input.id === undefined ? undefined : this.units.byId(input.id);
    if (input.id !== undefined && !existing) throw new ApiError('NOT_FOUND', { path: ['id'] });
    const sameName = this.units.idByName(input.name);
    if (sameName !== undefined && sameName !== input.id)
      throw new ApiError('CONFLICT', {
        message: { zh: '已有同名单位', en: 'A unit of this name exists' },
        path: ['name'],
      });
    input.leaders.forEach((leader, index) => {
      const user = this.units.userRole(leader.userId);
      if (!user) throw new ApiError('NOT_FOUND', { path: ['leaders', index, 'userId'] });
      if (user.role !== 'leader')
        throw new ApiError('INVALID_INPUT', {
          message: {
            zh: '领导班子成员须为“领导干部”角色的用户',
            en: 'Team members must be users with the leader role',
          },
          path: ['leaders', index, 'userId'],
        });
    });
    const catalogue = catalogueByCode(this.knowledge, this.clock);
    const matters =
      input.matters ??
      (existing
        ? this.units.mattersOf(existing.id)
        : this.departmentMatters(input.department, catalogue));
    // A matter the unit already counts may have left the catalogue since: it does not block
    // editing the unit; a newly listed one must exist.
    const kept = new Set(
      existing ? this.units.mattersOf(existing.id).map((m) => m.matterCode) : [],
    );
    matters.forEach((matter, index) => {
      if (!kept.has(matter.matterCode) && !catalogue.has(matter.matterCode))
        throw new ApiError('NOT_FOUND', {
          message: { zh: '事项目录中没有该事项', en: 'No such matter in the catalogue' },
          path: ['matters', index, 'matterCode'],
        });
    });
    const at = this.clock.now().toISOString();
    const id = inTransaction(this.db, () => {
      const fields = { name: input.name, kind: input.kind, department: input.department };
      let unitId: number;
      let uid: string;
      if (existing) {
        this.units.update(existing.id, fields, at);
        unitId = existing.id;
        uid = existing.uid;
      } else {
        uid = randomUUID();
        unitId = this.units.insert({ uid, ...fields }, at);
      }
      this.units.replaceLeaders(unitId, input.leaders);
      this.units.replaceMatters(unitId, matters);
      appendOutbox(this.db, {
        entity: 'unit',
        entityId: uid,
        operation: existing ? 'update' : 'create',
        payload: { uid, ...fields, leaders: this.leaderNames(unitId), matters },
        at,
      });
      return unitId;
    });
    return this.get(id);
  }

  record(id: number): UnitRecord {
    const unit = this.units.byId(id);
    if (!unit) throw new ApiError('NOT_FOUND', { path: ['unitId'] });
    return unit;
  }

  isLeader(unitId: number, userId: number): boolean {
    return this.units.isLeaderOf(unitId, userId);
  }

  /** A new unit answering for a department takes its matters with the catalogue's flag. */
  private departmentMatters(
    department: string | null,
    catalogue: Map<string, CatalogueMatter>,
  ): { matterCode: string; highFrequency: boolean }[] {
    if (department === null) return [];
    return [...catalogue.values()]
      .filter((matter) => matter.department === department)
      .map((matter) => ({ matterCode: matter.code, highFrequency: matter.highFrequency }));
  }

  /** Leaders by username for the hub, which knows no local user ids. */
  private leaderNames(unitId: number): { username: string; title: string }[] {
    return this.units
      .leaders()
      .filter((leader) => leader.unitId === unitId)
      .map(({ username, title }) => ({ username, title }));
  }
}
