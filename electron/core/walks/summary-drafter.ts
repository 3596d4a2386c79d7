import { ApiError, type WalkDetail } from '@shared/api';
import type { CopilotModel } from '../copilot/copilot-service';
import { categoryNames, severityNames, stageNames } from './walk-labels';

const SYSTEM_PROMPT =
  '你是政务服务中心的文字助手。根据领导干部“我陪群众走流程”的记录，写一段 150 至 300 字的报告摘要：' +
  '概括办理过程与各环节用时，列出发现的主要问题和整改安排，写明群众评价。只使用记录中的事实，不要编造。';

/**
 * Drafts a walk report's summary with the local model. The draft goes back to the leader, who
 * edits it; nothing here is stored, so no unreviewed model text reaches the record.
 */
export class WalkSummaryDrafter {
  constructor(private readonly model: CopilotModel & { readonly modelName: string }) {}

  async draft(walk: WalkDetail): Promise<{ text: string; model: string }> {
    if (!this.model.ready) throw new ApiError('MODEL_UNAVAILABLE');
    let text = '';
    for await (const event of this.model.chat({
      system: SYSTEM_PROMPT,
      history: [],
      prompt: walkRecordText(walk),
      maxTokens: 400,
    })) {
      if (event.type === 'done') text = event.text;
    }
    return { text: text.trim(), model: this.model.modelName };
  }
}

/** The walk's facts as plain lines: what the model may use and nothing else. */
export function walkRecordText(walk: WalkDetail): string {
  const lines = [
    `事项：${walk.matterName}；单位：${walk.unitName}；地点：${walk.hall}；领导：${walk.leaderName}`,
  ];
  for (const stage of walk.stages) {
    const minutes =
      stage.durationMinutes === null ? '未记录' : `${String(stage.durationMinutes)} 分钟`;
    const note = stage.observations ? `，情况：${stage.observations}` : '';
    lines.push(`${stageNames[stage.stage].zh}：${minutes}${note}`);
  }
  for (const finding of walk.findings) {
    lines.push(
      `问题（${categoryNames[finding.category].zh}，${severityNames[finding.severity].zh}）：${finding.description}`,
    );
  }
  for (const rectification of walk.rectifications) {
    lines.push(
      `整改：${rectification.action}，责任：${rectification.ownerUnitName}${rectification.ownerPerson}，期限 ${rectification.dueDate}`,
    );
  }
  lines.push(
    walk.feedback === null
      ? '群众评价：未评价'
      : `群众评价：满意度 ${String(walk.feedback.satisfaction)}/5${walk.feedback.comment ? `，意见：${walk.feedback.comment}` : ''}`,
  );
  return lines.join('\n');
}
