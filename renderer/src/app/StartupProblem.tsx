import { Result } from 'antd';

/** Shown when the page cannot reach an engine at all (browser mode without its token). */
export function StartupProblem({ title, detail }: { title: string; detail: string }) {
  return (
    <div className="full-page-center">
      <Result status="warning" title={title} subTitle={detail} />
    </div>
  );
}
