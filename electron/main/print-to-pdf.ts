import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { APP_ORIGIN } from './navigation-guard';

export const PRINT_TO_PDF_CHANNEL = 'bangban:print-to-pdf';

/** A plain file name ending in .pdf; anything else becomes a safe default. */
function pdfName(value: unknown): string {
  const name = typeof value === 'string' ? value.replace(/[\\/:*?"<>|\r\n]/g, '').trim() : '';
  return name.toLowerCase().endsWith('.pdf') && name.length <= 120 ? name : '帮办台文书.pdf';
}

/**
 * Desktop printing of notices and forms: the window's own page rendered by Chromium to an A4 PDF
 * (`printToPDF`), saved where the clerk chooses. Only our app's pages may ask.
 */
export function registerPrintToPdf(): void {
  ipcMain.handle(PRINT_TO_PDF_CHANNEL, async (event: IpcMainInvokeEvent, fileName: unknown) => {
    if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) return { path: null };
    const window = BrowserWindow.fromWebContents(event.sender);
    if (!window) return { path: null };
    const pdf = await event.sender.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    const choice = await dialog.showSaveDialog(window, {
      defaultPath: pdfName(fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (choice.canceled || !choice.filePath) return { path: null };
    await writeFile(choice.filePath, pdf);
    return { path: choice.filePath };
  });
}
