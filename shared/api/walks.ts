import { z } from 'zod';
import { bilingual } from './validation';
import { idSchema, isoDateSchema, text, timestampSchema } from './common';
import { localizedTextSchema } from './errors';

// ─── Vocabulary ────────────────────────────────────────────────────────────────────────────

/** The six stages of a walk, in order (咨询 申请 受理 审核 办结 反馈). */
export const walkStages = ['consult', 'apply', 'accept', 'review', 'complete', 'feedback'] as const;
export const walkStageSchema = z.enum(walkStages);
export type WalkStage = z.infer<typeof walkStageSchema>;

export const walkChannels = ['window', 'online', 'phone'] as const;
export const walkChannelSchema = z.enum(walkChannels);
export type WalkChannel = z.infer<typeof walkChannelSchema>;

/** scheduled → in_progress ⇄ paused → finished; a scheduled walk may be cancelled. */
export const walkStatuses = [
  'scheduled',
  'in_progress',
  'paused',
  'finished',
  'cancelled',
] as const;
export const walkStatusSchema = z.enum(walkStatuses);
export type WalkStatus = z.infer<typeof walkStatusSchema>;

/** The taxonomy of findings (难点堵点). */
export const findingCategories = [
  'cumbersome_materials',
  'repeated_submission',
  'multiple_trips',
  'systems_disconnected',
  'long_wait',
  'unclear_policy',
  'cross_department',
  'service_attitude',
  'other',
] as const;
export const findingCategorySchema = z.enum(findingCategories);
export type FindingCategory = z.infer<typeof findingCategorySchema>;

export const findingSeverities = ['low', 'medium', 'high'] as const;
export const findingSeveritySchema = z.enum(findingSeverities);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

/**
 * 待整改 → 整改中 → 待验证 → 已办结; a verification that finds the fix ineffective sends it back
 * to 整改中. 逾期 is not stored: it is any open rectification past its due date.
 */
export const rectificationStates = ['pending', 'in_progress', 'to_verify', 'closed'] as const;
export const rectificationStateSchema = z.enum(rectificationStates);
export type RectificationState = z.infer<typeof rectificationStateSchema>;
export const rectificationStatuses = [...rectificationStates, 'overdue'] as const;
export const rectificationStatusSchema = z.enum(rectificationStatuses);
export type RectificationStatus = z.infer<typeof rectificationStatusSchema>;

export const unitKinds = ['department', 'hall'] as const;

// ─── Units ─────────────────────────────────────────────────────────────────────────────────

export const unitMemberSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  username: z.string(),
  /** 职务, e.g. 局长, 副主任. */
  title: z.string(),
});

export const unitMatterSchema = z.object({
  matterCode: z.string(),
  matterName: z.string(),
  /** The catalogue's own flag, for comparison with the unit's choice. */
  catalogueHighFrequency: z.boolean(),
  highFrequency: z.boolean(),
});

export const unitSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(unitKinds),
  /** The catalogue department whose matters the unit handles (null for a hall). */
  department: z.string().nullable(),
  leaders: z.array(unitMemberSchema),
  matters: z.array(unitMatterSchema),
  updatedAt: timestampSchema,
});
export type Unit = z.infer<typeof unitSchema>;

export const saveUnitInputSchema = z
  .object({
    /** Absent to create a unit. */
    id: idSchema.optional(),
    name: text(60),
    kind: z.enum(unitKinds),
    department: text(60).nullable(),
    leaders: z
      .array(z.object({ userId: idSchema, title: text(30) }).strict())
      .max(30)
      .superRefine((leaders, ctx) => {
        const seen = new Set<number>();
        leaders.forEach((leader, index) => {
          if (seen.has(leader.userId))
            ctx.addIssue({
              code: 'custom',
              path: [index, 'userId'],
              ...bilingual('同一位领导不能重复列入', 'A leader is listed twice'),
            });
          seen.add(leader.userId);
        });
      }),
    /**
     * The matters the unit handles and which of them it counts as high-frequency. Absent: a new
     * unit takes its department's matters with the catalogue's flag, an existing one keeps its own.
     */
    matters: z
      .array(z.object({ matterCode: text(64), highFrequency: z.boolean() }).strict())
      .max(500)
      .optional(),
  })
  .strict();
export type SaveUnitInput = z.input<typeof saveUnitInputSchema>;

// ─── Walks ─────────────────────────────────────────────────────────────────────────────────

/** Where a stage edge's time came from: the leader's timer, the linked case, or an edit. */
export const stageTimeSourceSchema = z.enum(['timer', 'case', 'edited']);

export const walkStageRecordSchema = z.object({
  stage: walkStageSchema,
  startedAt: timestampSchema.nullable(),
  endedAt: timestampSchema.nullable(),
  startSource: stageTimeSourceSchema.nullable(),
  endSource: stageTimeSourceSchema.nullable(),
  /** Whole minutes between start and end; null while either is missing. */
  durationMinutes: z.number().nullable(),
  channel: walkChannelSchema.nullable(),
  observations: z.string().nullable(),
  /** The leader's rating of the stage, 1 (poor) to 5 (excellent). */
  rating: z.number().int().min(1).max(5).nullable(),
});
export type WalkStageRecord = z.infer<typeof walkStageRecordSchema>;

export const walkSummaryRowSchema = z.object({
  id: idSchema,
  uid: z.string(),
  status: walkStatusSchema,
  unitId: idSchema,
  unitName: z.string(),
  leaderId: idSchema,
  leaderName: z.string(),
  matterCode: z.string(),
  matterName: z.string(),
  hall: z.string(),
  plannedDate: isoDateSchema.nullable(),
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  caseId: idSchema.nullable(),
  caseReference: z.string().nullable(),
  findingCount: z.number().int(),
  openRectifications: z.number().int(),
  overdueRectifications: z.number().int(),
});
export type WalkSummaryRow = z.infer<typeof walkSummaryRowSchema>;

export const walkEventSchema = z.object({
  id: idSchema,
  at: timestampSchema,
  actor: z.string(),
  kind: z.string(),
  summary: localizedTextSchema,
});

export const walkNoteSchema = z.object({
  id: idSchema,
  at: timestampSchema,
  author: z.string(),
  text: z.string(),
  /** Written after the walk was finished (and locked). */
  afterFinish: z.boolean(),
});

export const applicantFeedbackSchema = z.object({
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  satisfaction: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
});

export const findingSchema = z.object({
  id: idSchema,
  uid: z.string(),
  walkId: idSchema.nullable(),
  unresolvedReportId: idSchema.nullable(),
  unitId: idSchema,
  unitName: z.string(),
  matterCode: z.string().nullable(),
  matterName: z.string(),
  stage: walkStageSchema.nullable(),
  category: findingCategorySchema,
  severity: findingSeveritySchema,
  description: z.string(),
  /** The leader who raised or took it over: the one who verifies its rectifications. */
  leaderId: idSchema,
  leaderName: z.string(),
  /** An earlier finding this one repeats (recurring across walks). */
  recurringOfId: idSchema.nullable(),
  recurrenceCount: z.number().int(),
  createdAt: timestampSchema,
  rectificationCount: z.number().int(),
  openRectifications: z.number().int(),
});
export type Finding = z.infer<typeof findingSchema>;

export const rectificationNoteSchema = z.object({
  id: idSchema,
  at: timestampSchema,
  author: z.string(),
  kind: z.enum(['progress', 'submitted', 'verified', 'ineffective']),
  text: z.string(),
});

export const rectificationSchema = z.object({
  id: idSchema,
  uid: z.string(),
  findingId: idSchema,
  findingCategory: findingCategorySchema,
  findingDescription: z.string(),
  walkId: idSchema.nullable(),
  matterName: z.string(),
  action: z.string(),
  ownerUnitId: idSchema,
  ownerUnitName: z.string(),
  ownerPerson: z.string(),
  /** A user of this terminal who may report progress besides the leaders. */
  ownerUserId: idSchema.nullable(),
  dueWorkingDays: z.number().int(),
  dueDate: isoDateSchema,
  state: rectificationStateSchema,
  /** The state shown: 逾期 for an open one past its due date. */
  status: rectificationStatusSchema,
  overdue: z.boolean(),
  /** Working days left (negative when overdue); null once closed. */
  workingDaysLeft: z.number().int().nullable(),
  verifierId: idSchema,
  verifierName: z.string(),
  createdAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
  notes: z.array(rectificationNoteSchema),
  evidenceCount: z.number().int(),
});
export type Rectification = z.infer<typeof rectificationSchema>;

export const walkDetailSchema = walkSummaryRowSchema.extend({
  stages: z.array(walkStageRecordSchema),
  feedback: applicantFeedbackSchema.nullable(),
  leaderRating: z.number().int().min(1).max(5).nullable(),
  summary: z.string().nullable(),
  summaryReviewedBy: z.string().nullable(),
  findings: z.array(findingSchema),
  rectifications: z.array(rectificationSchema),
  notes: z.array(walkNoteSchema),
  events: z.array(walkEventSchema),
  /** The stage whose timer is running, if any. */
  runningStage: walkStageSchema.nullable(),
});
export type WalkDetail = z.infer<typeof walkDetailSchema>;

export const listWalksInputSchema = z
  .object({
    year: z.number().int().min(2000).max(2100).optional(),
    unitId: idSchema.optional(),
    leaderId: idSchema.optional(),
    matterCode: z.string().trim().max(64).optional(),
    status: walkStatusSchema.optional(),
    /** Only the signed-in leader's own walks. */
    mine: z.boolean().default(false),
  })
  .strict();

export const walkIdInputSchema = z.object({ walkId: idSchema }).strict();

export const scheduleWalkInputSchema = z
  .object({
    unitId: idSchema,
    /** The leader who will walk; the signed-in leader when absent. Admins schedule for others. */
    leaderId: idSchema.optional(),
    matterCode: text(64),
    plannedDate: isoDateSchema,
    hall: text(60),
  })
  .strict();

export const startWalkInputSchema = z
  .object({
    /** Starts a scheduled walk; absent to start one on the spot. */
    walkId: idSchema.optional(),
    unitId: idSchema.optional(),
    matterCode: text(64).optional(),
    hall: text(60).optional(),
    /** Links a real case: its transitions then give the stage times. */
    caseId: idSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.walkId !== undefined) return;
    for (const field of ['unitId', 'matterCode', 'hall'] as const) {
      if (input[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          ...bilingual('现场开始走流程时必填', 'Required to start a walk on the spot'),
        });
    }
  });

export const timeStageInputSchema = z
  .object({ walkId: idSchema, stage: walkStageSchema, edge: z.enum(['start', 'end']) })
  .strict();

export const editStageInputSchema = z
  .object({
    walkId: idSchema,
    stage: walkStageSchema,
    /** New times (ISO timestamps); a change of time needs a reason. null clears it. */
    startedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    endedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    reason: text(200).optional(),
    channel: walkChannelSchema.nullable().optional(),
    observations: z.string().trim().max(2000).nullable().optional(),
    rating: z.number().int().min(1).max(5).nullable().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const changesTime = input.startedAt !== undefined || input.endedAt !== undefined;
    if (changesTime && input.reason === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        ...bilingual('修改时间须说明原因', 'Say why the time is changed'),
      });
    if (
      typeof input.startedAt === 'string' &&
      typeof input.endedAt === 'string' &&
      Date.parse(input.endedAt) < Date.parse(input.startedAt)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['endedAt'],
        ...bilingual('结束时间不能早于开始时间', 'The end cannot be before the start'),
      });
  });

export const finishWalkInputSchema = z
  .object({
    walkId: idSchema,
    /** The applicant's own word; null when they declined to give it. */
    feedback: z
      .object({
        satisfaction: z.number().int().min(1).max(5),
        comment: z.string().trim().max(500).optional(),
      })
      .strict()
      .nullable(),
    /** The leader's overall rating of the service. */
    leaderRating: z.number().int().min(1).max(5),
  })
  .strict();

export const addWalkNoteInputSchema = z.object({ walkId: idSchema, text: text(2000) }).strict();

export const addFindingInputSchema = z
  .object({
    walkId: idSchema,
    stage: walkStageSchema,
    category: findingCategorySchema,
    severity: findingSeveritySchema,
    description: text(1000),
    recurringOfId: idSchema.optional(),
  })
  .strict();

export const saveWalkSummaryInputSchema = z.object({ walkId: idSchema, text: text(4000) }).strict();

export const walkSummaryDraftSchema = z.object({ text: z.string(), model: z.string() });

// ─── Findings and rectifications ───────────────────────────────────────────────────────────

export const listFindingsInputSchema = z
  .object({
    year: z.number().int().min(2000).max(2100).optional(),
    unitId: idSchema.optional(),
    matterCode: z.string().trim().max(64).optional(),
    category: findingCategorySchema.optional(),
    walkId: idSchema.optional(),
  })
  .strict();

export const markRecurringInputSchema = z
  .object({ findingId: idSchema, recurringOfId: idSchema.nullable() })
  .strict()
  .refine((input) => input.findingId !== input.recurringOfId, {
    path: ['recurringOfId'],
    ...bilingual('不能标记为与自身重复', 'A finding cannot repeat itself'),
  });

export const createRectificationInputSchema = z
  .object({
    findingId: idSchema,
    action: text(1000),
    ownerUnitId: idSchema,
    ownerPerson: text(40),
    ownerUserId: idSchema.optional(),
    /** Due in this many working days from today (holidays skipped, make-up days counted). */
    dueWorkingDays: z.number().int().min(1).max(250),
  })
  .strict();

export const listRectificationsInputSchema = z
  .object({
    unitId: idSchema.optional(),
    status: rectificationStatusSchema.optional(),
    /** Assigned to the signed-in user, or awaiting their verification. */
    mine: z.boolean().default(false),
    year: z.number().int().min(2000).max(2100).optional(),
  })
  .strict();

export const rectificationIdInputSchema = z.object({ id: idSchema }).strict();

export const reportRectificationInputSchema = z
  .object({
    id: idSchema,
    /** progress: a note (starts the work if pending); submit: done, asks for verification. */
    kind: z.enum(['progress', 'submit']),
    text: text(1000),
  })
  .strict();

export const verifyRectificationInputSchema = z
  .object({ id: idSchema, effective: z.boolean(), text: text(1000) })
  .strict();

// ─── Unresolved-matter reports (办不成事) ────────────────────────────────────────────────────

export const unresolvedReportSchema = z.object({
  id: idSchema,
  uid: z.string(),
  unitId: idSchema,
  unitName: z.string(),
  matterCode: z.string().nullable(),
  matterName: z.string(),
  need: z.string(),
  reason: z.string(),
  caseId: idSchema.nullable(),
  filedBy: z.string(),
  filedAt: timestampSchema,
  findingId: idSchema.nullable(),
  takenOverBy: z.string().nullable(),
});
export type UnresolvedReport = z.infer<typeof unresolvedReportSchema>;

export const fileUnresolvedInputSchema = z
  .object({
    unitId: idSchema,
    /** A catalogue matter, or free text when the need matches none. */
    matterCode: text(64).optional(),
    matterName: text(100).optional(),
    need: text(1000),
    reason: text(1000),
    caseId: idSchema.optional(),
  })
  .strict()
  .refine((input) => input.matterCode !== undefined || input.matterName !== undefined, {
    path: ['matterName'],
    ...bilingual('请选择事项或写明群众要办的事', 'Choose a matter or say what was needed'),
  });

export const listUnresolvedInputSchema = z
  .object({ open: z.boolean().optional(), unitId: idSchema.optional() })
  .strict();

export const takeOverUnresolvedInputSchema = z
  .object({
    id: idSchema,
    category: findingCategorySchema,
    severity: findingSeveritySchema,
  })
  .strict();

// ─── Coverage and dashboards ───────────────────────────────────────────────────────────────

export const coverageInputSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    unitId: idSchema.optional(),
    matterCode: z.string().trim().max(64).optional(),
  })
  .strict();

export const coverageCellSchema = z.object({
  unitId: idSchema,
  leaderId: idSchema,
  matterCode: z.string(),
  done: z.number().int(),
  inProgress: z.number().int(),
  scheduled: z.number().int(),
});

export const coverageLeaderSchema = z.object({
  unitId: idSchema,
  leaderId: idSchema,
  leaderName: z.string(),
  title: z.string(),
  done: z.number().int(),
  inProgress: z.number().int(),
  scheduled: z.number().int(),
  /** At least one finished walk this year. */
  met: z.boolean(),
});

export const coverageMatterSchema = z.object({
  unitId: idSchema,
  matterCode: z.string(),
  matterName: z.string(),
  /** Some leader of the unit finished a walk of it this year. */
  covered: z.boolean(),
  /** Not covered, but a walk of it is scheduled or under way. */
  planned: z.boolean(),
});

export const coverageUnitSchema = z.object({
  unitId: idSchema,
  unitName: z.string(),
  leaders: z.number().int(),
  leadersMet: z.number().int(),
  matters: z.number().int(),
  mattersCovered: z.number().int(),
  /** Both requirements met for the year. */
  complete: z.boolean(),
});

export const coverageSchema = z.object({
  year: z.number().int(),
  cells: z.array(coverageCellSchema),
  leaders: z.array(coverageLeaderSchema),
  matters: z.array(coverageMatterSchema),
  units: z.array(coverageUnitSchema),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const stageDurationSchema = z.object({
  matterCode: z.string(),
  matterName: z.string(),
  stage: walkStageSchema,
  walks: z.number().int(),
  medianMinutes: z.number(),
  worstMinutes: z.number(),
});

export const walkDashboardSchema = z.object({
  year: z.number().int(),
  stageDurations: z.array(stageDurationSchema),
  findingsByCategory: z.array(
    z.object({ category: findingCategorySchema, count: z.number().int() }),
  ),
  /** Per month of the year: rectifications raised and closed, and the closure rate so far. */
  closureByMonth: z.array(
    z.object({
      month: z.string(),
      raised: z.number().int(),
      closed: z.number().int(),
      cumulativeRate: z.number().nullable(),
    }),
  ),
  totals: z.object({
    walks: z.number().int(),
    findings: z.number().int(),
    rectifications: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int(),
  }),
});
export type WalkDashboard = z.infer<typeof walkDashboardSchema>;
