/** One row of bench/RESULTS.md: our figure beside the baseline measured in the same run. */
export interface BenchResult {
  name: string;
  ours: string;
  baseline: string;
  note: string;
}
