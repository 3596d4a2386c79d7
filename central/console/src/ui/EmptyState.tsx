import { Empty, Typography } from 'antd';

/** A friendly "nothing here", with what to do next. */
export function EmptyState({ title, hint }: { title: string; hint?: string }) {
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
    />
  );
}
