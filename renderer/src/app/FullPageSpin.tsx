import { Spin } from 'antd';

export function FullPageSpin({ tip }: { tip: string }) {
  return (
    <div className="full-page-center" aria-busy>
      <Spin size="large" />
      <div className="full-page-tip">{tip}</div>
    </div>
  );
}
