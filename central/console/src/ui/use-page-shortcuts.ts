import { useEffect } from 'react';

/**
 * Alt+1 … Alt+9 open the n-th page from anywhere, typing included (Alt+digit types nothing), so
 * the console can be driven without the mouse.
 */
export function usePageShortcuts(count: number, open: (index: number) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
      if (digit === undefined) return;
      const index = Number(digit) - 1;
      if (index >= count) return;
      event.preventDefault();
      open(index);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [count, open]);
}
