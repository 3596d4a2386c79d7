/** Saves a Blob as a file through a temporary link (the browser's or the shell's download). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the link's URL is no longer needed after this turn.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}

/** Saves text as a file. */
export function downloadText(fileName: string, text: string, mediaType: string): void {
  downloadBlob(fileName, new Blob([text], { type: mediaType }));
}
