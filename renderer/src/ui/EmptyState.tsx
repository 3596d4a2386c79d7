import type { ReactNode } from 'react';
import { Empty, Typography } from 'antd';

interface EmptyStateProps {
  title: string;
  hint?: string;
  action?: ReactNode;
}

/** A friendly "nothing here" with what to do next. */
export function EmptyState({ title, hint, action }: EmptyStateProps) {
  return (
    <Empty
      className="empty-state"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <>
          <Typography.Text strong>{title}</Typography.Text>
          {hint ? (
            <Typography.Paragraph type="secondary" className="empty-state-hint">
              {hint}
            </Typography.Paragraph>
          ) : null}
        </>
      }
    >
      {action}
    </Empty>
  );
}
