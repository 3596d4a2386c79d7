/**
 * A `data-testid` for props objects antd passes to its own components (`okButtonProps`): the
 * attribute reaches the DOM, but the props types do not declare `data-*` keys.
 */
export function testId(id: string): Record<string, string> {
  return { 'data-testid': id };
}
