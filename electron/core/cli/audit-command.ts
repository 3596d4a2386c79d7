import type { Store } from './store';

/** `bangban audit verify`: exit 0 when the chain is whole, 1 with each problem named. */
export function verifyAudit(store: Store, out: (line: string) => void): number {
  const result = store.audit.verify();
  // The check itself goes in the trail after the walk, so it is not part of what it checked.
  store.record('audit.verify', 'audit-log', { ok: result.ok, entries: result.entries });
  if (result.ok) {
    out(`✔ 审计日志完整：${result.entries} 条 / audit log intact: ${result.entries} entries`);
    if (result.head) out(`  链尾 / head: #${result.head.seq} ${result.head.hash}`);
    return 0;
  }
  out(
    `✖ 审计日志校验失败：${result.problems.length} 处问题 / audit log check failed: ${result.problems.length} problem(s)`,
  );
  for (const problem of result.problems) out(`  ${problem.message.zh} / ${problem.message.en}`);
  return 1;
}

/** `bangban audit tail`: the newest entries, oldest first, one per line. */
export function tailAudit(store: Store, lines: number, out: (line: string) => void): number {
  const page = store.audit.search({ limit: Math.min(Math.max(lines, 1), 500) });
  for (const entry of page.entries.reverse()) {
    const detail = Object.keys(entry.detail).length > 0 ? ` ${JSON.stringify(entry.detail)}` : '';
    out(
      `#${entry.seq} ${entry.at} ${entry.actor} ${entry.action} ${entry.subject} ${entry.outcome}${detail}`,
    );
  }
  return 0;
}
