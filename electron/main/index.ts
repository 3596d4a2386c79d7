import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { EngineHost, osKeyProtectionAvailable } from './engine-host';
import { isAllowedExternalLink } from './external-links';
import { APP_ORIGIN, isAppNavigation } from './navigation-guard';
import { registerPrintToPdf } from './print-to-pdf';

/**
 * The desktop shell, kept thin: it registers the app protocol, starts the engine in a utility
 * process and opens locked-down windows. Everything else lives in the engine and the renderer.
 */
const outDir = join(import.meta.dirname, '..');
registerAppScheme();

// safeStorage can only be asked once the app is ready, so the engine is made then.
const startEngine = async (): Promise<EngineHost> =>
  new EngineHost(
    join(outDir, 'main', 'engine.js'),
    {
      ...process.env,
      BANGBAN_DATA_DIR: process.env.BANGBAN_DATA_DIR ?? app.getPath('userData'),
      BANGBAN_RESOURCES_DIR: app.isPackaged
        ? process.resourcesPath
        : join(outDir, '..', 'resources'),
      BANGBAN_OS_KEY_PROTECTION: (await osKeyProtectionAvailable()) ? 'safeStorage' : 'none',
    },
    join(outDir, 'main', 'model-worker.js'),
  );
let engine: EngineHost | undefined;

function openWindow(): void {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '帮办台',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // Allowed links open in the system browser; nothing opens a new app window.
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppNavigation(url)) event.preventDefault();
  });
  contents.on('did-finish-load', () => {
    engine?.attach(contents);
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

void app.whenReady().then(async () => {
  // Every permission is denied but the camera, and that only to the app's own pages: walks
  // photograph evidence (a document camera is a webcam too). Microphones stay off.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(
      permission === 'media' &&
        isAppNavigation(details.requestingUrl) &&
        mediaTypes.length > 0 &&
        mediaTypes.every((type) => type === 'video'),
    );
  });
  session.defaultSession.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      permission === 'media' && isAppNavigation(requestingOrigin),
  );
  serveRenderer(join(outDir, 'renderer'));
  registerPrintToPdf();
  engine = await startEngine();
  engine.start();
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});

app.on('window-all-closed', () => {
  engine?.stop();
  app.quit();
});
