import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { Alert, App, Button, Modal, Radio, Spin, Typography } from 'antd';
import { ClearOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView, SharedFile, Stroke } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { blobOfBase64 } from '../../ui/file-base64';
import { formatBytes, formatDateTime } from '../../ui/format';
import { penColours, type PenColour } from './cobrowse-labels';
import { windowChanged } from './use-remote-session';

interface Point {
  x: number;
  y: number;
}

/** Closer than this (of the image's side) to the last point adds nothing but bytes to the stroke. */
const MIN_STEP = 0.003;
/** What one `remote.draw` carries at most: a longer line ends there. */
const MAX_POINTS = 500;

interface Opened {
  url: string;
  mediaType: SharedFile['mediaType'];
}

/** A stroke drawn here and sent, shown until the view brings it back from the session. */
interface Pending {
  key: number;
  color: string;
  points: Point[];
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

function pointsAttribute(points: Point[]): string {
  // A lone point (a tap) still shows: a zero-length segment drawn with round caps is a dot.
  const drawn = points.length === 1 ? [...points, ...points] : points;
  return drawn.map((point) => `${point.x.toFixed(4)},${point.y.toFixed(4)}`).join(' ');
}

const samePoint = (a: Point | undefined, b: Point | undefined) =>
  a !== undefined && b !== undefined && a.x === b.x && a.y === b.y;

/** Whether the session already carries this side's pending stroke (it came back in the view). */
function arrived(pending: Pending, strokes: Stroke[], me: string): boolean {
  return strokes.some(
    (stroke) =>
      stroke.participantId === me &&
      stroke.color.toLowerCase() === pending.color.toLowerCase() &&
      stroke.points.length === pending.points.length &&
      samePoint(stroke.points[0], pending.points[0]) &&
      samePoint(stroke.points.at(-1), pending.points.at(-1)),
  );
}

/**
 * A shared file, opened (decrypted by the engine) for as long as the viewer is open. Images carry
 * both sides' pen strokes in an SVG laid exactly over them, in the image's own 0–1 coordinates,
 * so a mark lands on the same spot whatever size each side's screen shows the image at.
 */
export function SharedImageViewer({
  view,
  file,
  onClose,
}: {
  view: RemoteSessionView;
  file: SharedFile;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [opened, setOpened] = useState<Opened>();
  const [openError, setOpenError] = useState<unknown>();
  const [colour, setColour] = useState<PenColour>('red');
  const [draft, setDraft] = useState<Point[]>();
  const [pending, setPending] = useState<Pending[]>([]);
  // The stroke being drawn, read by the pointer handlers between renders.
  const drawing = useRef<Point[] | null>(null);
  const nextKey = useRef(0);
  const ended = view.link.state === 'ended';
  const { sessionId } = view;

  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    client.remote.fileContent({ sessionId, fileId: file.id }).then(
      (content) => {
        if (cancelled) return;
        url = URL.createObjectURL(blobOfBase64(content.contentBase64, content.mediaType));
        setOpened({ url, mediaType: content.mediaType });
      },
      (error: unknown) => {
        if (!cancelled) setOpenError(error);
      },
    );
    // The decrypted bytes live only while the viewer is open.
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, sessionId, file.id]);

  const draw = useMutation({
    mutationFn: (stroke: Pending) =>
      client.remote.draw({
        sessionId,
        fileId: file.id,
        color: stroke.color,
        points: stroke.points,
      }),
    onSettled: (_result, _error, stroke) => {
      setPending((list) => list.filter((candidate) => candidate.key !== stroke.key));
    },
  });
  const clear = useMutation({
    mutationFn: () => client.remote.clearDrawing({ sessionId, fileId: file.id }),
    onSuccess: (next) => {
      windowChanged(queryClient, next);
      void message.success(t('remote.viewer.cleared'));
    },
  });

  const strokes = view.strokes.filter((stroke) => stroke.fileId === file.id);
  const mine = strokes.filter((stroke) => stroke.participantId === view.me);
  const waiting = pending.filter((stroke) => !arrived(stroke, mine, view.me));

  const pointOf = (event: PointerEvent<SVGSVGElement>): Point => {
    const box = event.currentTarget.getBoundingClientRect();
    return {
      x: clamp((event.clientX - box.left) / box.width),
      y: clamp((event.clientY - box.top) / box.height),
    };
  };
  const finish = () => {
    const points = drawing.current;
    drawing.current = null;
    setDraft(undefined);
    if (!points || points.length === 0) return;
    nextKey.current += 1;
    const stroke: Pending = { key: nextKey.current, color: penColours[colour], points };
    setPending((list) => [...list, stroke]);
    draw.mutate(stroke);
  };
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (ended || event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = [pointOf(event)];
    setDraft(drawing.current);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const points = drawing.current;
    if (!points) return;
    const point = pointOf(event);
    const last = points.at(-1);
    if (last && Math.hypot(point.x - last.x, point.y - last.y) < MIN_STEP) return;
    drawing.current = [...points, point];
    if (drawing.current.length >= MAX_POINTS) finish();
    else setDraft(drawing.current);
  };

  // Who drew what, in which colours: each side picks its own pens, so the legend names them.
  const authors = new Map<string, { colours: Set<string>; count: number }>();
  for (const stroke of strokes) {
    const entry = authors.get(stroke.participantId) ?? { colours: new Set<string>(), count: 0 };
    entry.colours.add(stroke.color.toLowerCase());
    entry.count += 1;
    authors.set(stroke.participantId, entry);
  }
  const nameOf = (participantId: string): string => {
    const participant = view.participants.find((candidate) => candidate.id === participantId);
    if (!participant) return t('remote.viewer.someoneElse');
    return `${participant.displayName}${participantId === view.me ? t('remote.me') : ''}`;
  };

  const image = opened !== undefined && opened.mediaType !== 'application/pdf';
  return (
    <Modal
      open
      width="min(1200px, calc(100vw - 48px))"
      centered
      title={file.name}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <div className="viewer-footer">
          {image && !ended ? (
            <Button
              icon={<ClearOutlined />}
              disabled={mine.length === 0}
              loading={clear.isPending}
              onClick={() => {
                clear.mutate();
              }}
              data-testid="remote-viewer-clear"
            >
              {t('remote.viewer.clear')}
            </Button>
          ) : null}
          <Button type="primary" onClick={onClose} data-testid="remote-viewer-close">
            {t('remote.viewer.close')}
          </Button>
        </div>
      }
    >
      <div className="viewer" data-testid="remote-viewer" data-file-id={file.id}>
        <Typography.Text type="secondary" className="viewer-meta">
          {t('remote.viewer.sharedBy', {
            author: file.author,
            at: formatDateTime(file.at),
            size: formatBytes(file.size),
          })}
        </Typography.Text>
        {image ? (
          ended ? (
            <Alert type="info" showIcon title={t('remote.viewer.ended')} />
          ) : (
            <div className="viewer-tools">
              <Typography.Text>{t('remote.viewer.pen')}</Typography.Text>
              <Radio.Group
                value={colour}
                optionType="button"
                size="small"
                onChange={(event) => {
                  setColour(event.target.value as PenColour);
                }}
              >
                {(Object.keys(penColours) as PenColour[]).map((name) => (
                  <Radio.Button key={name} value={name}>
                    <span
                      className="viewer-pen"
                      data-testid={`remote-viewer-colour-${name}`}
                      data-colour={penColours[name]}
                    >
                      <span className="viewer-swatch" style={{ background: penColours[name] }} />
                      {t(`remote.viewer.colours.${name}`)}
                    </span>
                  </Radio.Button>
                ))}
              </Radio.Group>
              <Typography.Text type="secondary" className="viewer-hint">
                {t('remote.viewer.hint')}
              </Typography.Text>
            </div>
          )
        ) : null}
        <ErrorAlert error={openError ?? draw.error ?? clear.error ?? undefined} />
        {opened === undefined ? (
          openError === undefined ? (
            <div className="viewer-loading" aria-busy>
              <Spin />
              <span>{t('remote.viewer.loading')}</span>
            </div>
          ) : null
        ) : image ? (
          <div className="viewer-stage">
            <div className="viewer-frame">
              <img
                src={opened.url}
                alt={file.name}
                className="viewer-image"
                draggable={false}
                data-testid="remote-viewer-image"
              />
              <svg
                className={`viewer-canvas${ended ? '' : ' viewer-canvas-pen'}`}
                viewBox="0 0 1 1"
                preserveAspectRatio="none"
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={finish}
                onPointerCancel={finish}
                data-testid="remote-viewer-canvas"
              >
                {strokes.map((stroke) => (
                  <polyline
                    key={stroke.id}
                    points={pointsAttribute(stroke.points)}
                    stroke={stroke.color}
                    className="viewer-stroke"
                    data-testid="remote-stroke"
                    data-participant={stroke.participantId}
                  />
                ))}
                {[...waiting.map((stroke) => stroke.points), ...(draft ? [draft] : [])].map(
                  (points, index) => (
                    <polyline
                      key={`local-${String(index)}`}
                      points={pointsAttribute(points)}
                      stroke={index < waiting.length ? waiting[index]?.color : penColours[colour]}
                      className="viewer-stroke"
                      data-testid="remote-stroke"
                      data-participant={view.me}
                      data-pending="true"
                    />
                  ),
                )}
              </svg>
            </div>
          </div>
        ) : (
          <div className="viewer-pdf">
            <Typography.Text type="secondary">{t('remote.viewer.pdf')}</Typography.Text>
            <object data={opened.url} type="application/pdf" className="viewer-pdf-frame">
              <a href={opened.url} download={file.name}>
                {t('remote.viewer.download', { name: file.name })}
              </a>
            </object>
            <a href={opened.url} download={file.name} data-testid="remote-viewer-download">
              <DownloadOutlined /> {t('remote.viewer.download', { name: file.name })}
            </a>
          </div>
        )}
        {image ? (
          <div className="viewer-legend" data-testid="remote-viewer-legend">
            <Typography.Text type="secondary">{t('remote.viewer.legend')}</Typography.Text>
            {authors.size === 0 ? (
              <Typography.Text type="secondary">{t('remote.viewer.legendEmpty')}</Typography.Text>
            ) : (
              [...authors].map(([participantId, entry]) => (
                <span
                  key={participantId}
                  className="viewer-legend-item"
                  data-testid="remote-viewer-legend-item"
                  data-participant={participantId}
                >
                  {[...entry.colours].map((shade) => (
                    <span key={shade} className="viewer-swatch" style={{ background: shade }} />
                  ))}
                  <span>{nameOf(participantId)}</span>
                  <Typography.Text type="secondary">
                    {t('remote.viewer.strokeCount', { count: entry.count })}
                  </Typography.Text>
                </span>
              ))
            )}
          </div>
        ) : null}
      </div>
    </Modal>
  );
}
