/**
 * Received / total as a slim bar. Plain elements rather than antd's Progress: the case list
 * renders dozens of these per scrolled frame.
 */
export function MaterialsBar({ received, total }: { received: number; total: number }) {
  const percent = total === 0 ? 0 : Math.round((received / total) * 100);
  const complete = total > 0 && received >= total;
  return (
    <span className="materials-bar" title={`${received}/${total}`}>
      <span className="materials-bar-track">
        <span
          className={`materials-bar-fill${complete ? ' materials-bar-complete' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </span>
      <span className="materials-bar-text">
        {received}/{total}
      </span>
    </span>
  );
}
