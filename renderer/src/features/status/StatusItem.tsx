import type { ReactNode } from 'react';
import { Tooltip } from 'antd';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

interface StatusItemProps {
  label: string;
  value: ReactNode;
  tone: Tone;
  detail?: ReactNode;
  testId: string;
  /** Makes the item a button (keyboard included) that opens the screen with the details. */
  onClick?: () => void;
}

/** One labelled cell of the status bar with a coloured dot; details in a tooltip. */
export function StatusItem({ label, value, tone, detail, testId, onClick }: StatusItemProps) {
  const inner = (
    <>
      <span className={`status-dot status-dot-${tone}`} aria-hidden />
      <span className="status-label">{label}</span>
      <span className="status-value">{value}</span>
    </>
  );
  const content = onClick ? (
    <button
      type="button"
      className="status-item status-item-button"
      data-testid={testId}
      data-tone={tone}
      onClick={onClick}
    >
      {inner}
    </button>
  ) : (
    <span className="status-item" data-testid={testId} data-tone={tone}>
      {inner}
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
