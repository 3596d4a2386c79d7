import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '@shared/api/common';
import { isTypingTarget } from '../ui/keyboard';
import { canRaiseHelp, canReadWalks, canWriteCases, isRemoteExpert } from './permissions';

/** The element `/` focuses: each screen marks its main search box with this attribute. */
export const searchShortcutAttribute = 'data-shortcut-search';

/** Where Alt+H goes: the clerk's help requests, or the remote expert's queue. */
export function helpHome(role: Role): string | undefined {
  if (canRaiseHelp(role)) return '/help';
  if (isRemoteExpert(role)) return '/help/queue';
  return undefined;
}

/**
 * Alt+N new case, Alt+L case list, Alt+Q copilot, Alt+W walks (leaders, admins), Alt+H help
 * requests or the help queue, `/` focuses the screen's search box.
 */
export function useGlobalShortcuts(role: Role): void {
  const navigate = useNavigate();
  useEffect(() => {
    const help = helpHome(role);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (event.altKey && !event.ctrlKey && !event.metaKey) {
        if (event.code === 'KeyN' && canWriteCases(role)) {
          event.preventDefault();
          void navigate('/cases/new');
        } else if (event.code === 'KeyL') {
          event.preventDefault();
          void navigate('/cases');
        } else if (event.code === 'KeyQ') {
          event.preventDefault();
          void navigate('/copilot');
        } else if (event.code === 'KeyW' && canReadWalks(role)) {
          event.preventDefault();
          void navigate('/walks');
        } else if (event.code === 'KeyH' && help !== undefined) {
          event.preventDefault();
          void navigate(help);
        }
        return;
      }
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !isTypingTarget(event.target)) {
        const search = document.querySelector<HTMLElement>(`[${searchShortcutAttribute}]`);
        if (search) {
          event.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [navigate, role]);
}
