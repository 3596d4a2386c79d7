import type { ReactNode } from 'react';
import { Tooltip } from 'antd';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

interface StatusItemProps {
  label: string;
  value: ReactNode;
  tone: Tone;
  detail?: ReactNode;
  testId: string;
}

/** One labelled cell of the status bar with a coloured dot; details in a tooltip. */
export function StatusItem({ label, value, tone, detail, testId }: StatusItemProps) {
  const content = (
    <span className="status-item" data-testid={testId} data-tone={tone}>
      <span className={`status-dot status-dot-${tone}`} aria-hidden />
      <span className="status-label">{label}</span>
      <span className="status-value">{value}</span>
    </span>
  );
  return detail ? (
    <Tooltip title={detail} placement="topLeft">
      {content}
    </Tooltip>
  ) : (
    content
  );
}
