/**
 * Prints the current page: on the desktop straight to an A4 PDF through the shell's printToPDF
 * (saved where the clerk chooses); in browser mode through the browser's print dialog, whose
 * "save as PDF" gives the same A4 layout (the print CSS hides the app around the document).
 */
export async function printPage(fileName: string): Promise<void> {
  const shell = window.bangban?.printToPdf;
  if (shell) {
    await shell(fileName);
    return;
  }
  window.print();
}
