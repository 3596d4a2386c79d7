import {
  createContext,
  useContext,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type PointerEvent,
  type ReactNode,
  type SyntheticEvent,
} from 'react';
import { Button, Card, Tag, Tooltip, Typography } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  EditOutlined,
  EyeOutlined,
  LockOutlined,
  MinusCircleOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type {
  RemoteParticipant,
  RemoteSessionView,
  SharedField,
  SharedWorkspace as Workspace,
} from '@shared/api/remote';
import { MaterialStateTag } from '../../ui/MaterialStateTag';
import { presenceColours } from './cobrowse-labels';
import { formatFieldValue, shortLabel } from './remote-changes';
import { SuggestDialog, type SuggestTarget } from './SuggestDialog';
import type { PresenceSender } from './use-presence';

interface Highlight {
  name: string;
  colour: string;
}

/** Who on the other side points at which item (by its focus key). */
const HighlightContext = createContext<ReadonlyMap<string, Highlight>>(new Map());

/** What the expert may do to an item here: suggest (or edit, holding control); nothing for the host. */
interface ItemActions {
  /** Null on the host's side or once the window ended. */
  act: ((target: SuggestTarget) => void) | null;
  direct: boolean;
}
const ActionsContext = createContext<ItemActions>({ act: null, direct: false });

/**
 * One item both sides can point at. Its `focusKey` is what presence carries (`applicant.idNumber`,
 * `material.M01`, `point.R01`); the other side's pointing draws it in their colour with their name.
 */
function WorkspaceItem({
  focusKey,
  mine,
  current = false,
  className,
  children,
  ...data
}: {
  focusKey: string;
  mine: string | null;
  current?: boolean;
  className: string;
  children: ReactNode;
  'data-testid': string;
  [attribute: `data-${string}`]: string | undefined;
}) {
  const highlight = useContext(HighlightContext).get(focusKey);
  const classes = [
    'workspace-item',
    className,
    highlight ? 'workspace-item-pointed' : '',
    mine === focusKey ? 'workspace-item-mine' : '',
    current ? 'workspace-item-current' : '',
  ].join(' ');
  return (
    <div
      className={classes}
      data-focus={focusKey}
      tabIndex={0}
      style={highlight ? ({ '--presence': highlight.colour } as CSSProperties) : undefined}
      data-pointed-by={highlight?.name}
      {...data}
    >
      {highlight ? (
        <span className="presence-flag" data-testid="remote-pointed">
          {highlight.name}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** The expert's button on an item: 建议修改, or 直接修改 while holding control. */
function ChangeButton({ target }: { target: SuggestTarget }) {
  const { t } = useTranslation();
  const { act, direct } = useContext(ActionsContext);
  if (!act) return null;
  return (
    <Button
      size="small"
      type={direct ? 'primary' : 'default'}
      icon={direct ? <ThunderboltOutlined /> : <EditOutlined />}
      onClick={(event) => {
        event.stopPropagation();
        act(target);
      }}
      data-testid={direct ? 'remote-edit' : 'remote-suggest'}
    >
      {direct ? t('remote.edit') : t('remote.suggest')}
    </Button>
  );
}

/** A field's value: masked as it came, or shown in full with the applicant's consent. */
function FieldValueText({ field }: { field: SharedField }) {
  const { t } = useTranslation();
  return (
    <span className="workspace-field-value">
      <Typography.Text
        className="mono"
        type={field.value === null || field.value === '' ? 'secondary' : undefined}
        data-testid="remote-field-value"
      >
        {formatFieldValue(t, field.value)}
      </Typography.Text>
      {field.revealed ? (
        <Tag color="green" icon={<EyeOutlined />} data-testid="remote-field-revealed">
          {t('remote.revealed')}
        </Tag>
      ) : field.personal && field.value !== null ? (
        <Tooltip title={t('remote.consentsEmpty')}>
          <Tag icon={<LockOutlined />} data-testid="remote-field-masked">
            {t('remote.masked')}
          </Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

function VerdictTag({ verdict }: { verdict: 'pass' | 'fail' | null }) {
  const { t } = useTranslation();
  if (verdict === 'pass')
    return (
      <Tag color="success" icon={<CheckCircleFilled />} data-testid="remote-point-verdict">
        {t('review.verdict.pass')}
      </Tag>
    );
  if (verdict === 'fail')
    return (
      <Tag color="error" icon={<CloseCircleFilled />} data-testid="remote-point-verdict">
        {t('review.verdict.fail')}
      </Tag>
    );
  return (
    <Tag icon={<MinusCircleOutlined />} data-testid="remote-point-verdict">
      {t('remote.undecided')}
    </Tag>
  );
}

/** One material: its state, what the clerk noted, and (opened) the fields read off it. */
function MaterialItem({
  material,
  index,
  fields,
  mine,
}: {
  material: Workspace['materials'][number];
  index: number;
  fields: SharedField[];
  mine: string | null;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const filled = fields.filter((field) => field.value !== null && field.value !== '').length;
  return (
    <WorkspaceItem
      focusKey={`material.${material.code}`}
      mine={mine}
      className="workspace-material"
      data-testid="remote-material"
      data-code={material.code}
      data-state={material.state}
    >
      <div className="workspace-row">
        <span className="material-index">{index + 1}</span>
        <div className="workspace-row-body">
          <Typography.Text strong>{material.name}</Typography.Text>
          {material.required === true ? (
            <Tag color="red">{t('caseDetail.required')}</Tag>
          ) : material.required === false ? (
            <Tag>{t('caseDetail.notRequired')}</Tag>
          ) : (
            <Tooltip title={material.required}>
              <Tag color="gold" className="tag-ellipsis">
                {t('caseDetail.conditional', { condition: material.required })}
              </Tag>
            </Tooltip>
          )}
          {material.note ? (
            <Typography.Text
              type={material.state === 'to_correct' ? 'warning' : 'secondary'}
              className="workspace-note"
            >
              {material.note}
            </Typography.Text>
          ) : null}
        </div>
        <MaterialStateTag state={material.state} testId="remote-material-state" />
        {fields.length > 0 ? (
          <Button
            size="small"
            type="link"
            aria-expanded={open}
            onClick={(event) => {
              event.stopPropagation();
              setOpen(!open);
            }}
            data-testid="remote-material-fields-toggle"
          >
            {t('remote.fields', { filled, count: fields.length })}
          </Button>
        ) : null}
        <ChangeButton
          target={{
            kind: 'material',
            code: material.code,
            name: material.name,
            state: material.state,
            note: material.note,
          }}
        />
      </div>
      {open ? (
        <div className="workspace-fields">
          {fields.map((field) => (
            <FieldItem
              key={field.key}
              field={field}
              label={shortLabel(field, material.name)}
              mine={mine}
            />
          ))}
        </div>
      ) : null}
    </WorkspaceItem>
  );
}

function FieldItem({
  field,
  label,
  mine,
  changeable = true,
}: {
  field: SharedField;
  label: string;
  mine: string | null;
  changeable?: boolean;
}) {
  return (
    <WorkspaceItem
      focusKey={field.key}
      mine={mine}
      className="workspace-field"
      data-testid="remote-field"
      data-key={field.key}
      data-revealed={String(field.revealed)}
    >
      <Typography.Text type="secondary" className="workspace-field-label">
        {label}
      </Typography.Text>
      <FieldValueText field={field} />
      {changeable ? <ChangeButton target={{ kind: 'field', field, name: label }} /> : null}
    </WorkspaceItem>
  );
}

/** The other side's pointer: an arrow in their colour with their name, where they point. */
function RemotePointer({
  participant,
  colour,
}: {
  participant: RemoteParticipant;
  colour: string;
}) {
  const { pointer } = participant;
  if (!pointer) return null;
  return (
    <div
      className="remote-pointer"
      style={{
        left: `${String(pointer.x * 100)}%`,
        top: `${String(pointer.y * 100)}%`,
        color: colour,
      }}
      data-testid="remote-pointer"
      data-participant={participant.id}
      aria-hidden
    >
      <svg width="18" height="22" viewBox="0 0 18 22">
        <path
          d="M1 1 L1 17 L5.5 13 L9 21 L12 19.5 L8.5 12 L15 12 Z"
          fill="currentColor"
          stroke="#fff"
          strokeWidth="1.5"
        />
      </svg>
      <span className="remote-pointer-name" style={{ background: colour }}>
        {participant.displayName}
      </span>
    </div>
  );
}

/** Reads the focus key of the item an event happened in (none outside items). */
function focusKeyOf(event: SyntheticEvent): string | null {
  const target = event.target instanceof Element ? event.target.closest('[data-focus]') : null;
  return target?.getAttribute('data-focus') ?? null;
}

/**
 * The case both sides see: the applicant (masked until the applicant consents), the materials
 * with their states and fields, the review points with their verdicts and the clerk's current
 * one. Both sides' pointers and highlighted items travel as presence.
 */
export function SharedWorkspace({
  view,
  presence,
}: {
  view: RemoteSessionView;
  presence: PresenceSender;
}) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  const [mine, setMine] = useState<string | null>(null);
  const [target, setTarget] = useState<SuggestTarget>();
  const workspace = view.workspace;
  const ended = view.link.state === 'ended';
  const others = view.participants.filter((participant) => participant.id !== view.me);

  const highlights = useMemo(() => {
    const map = new Map<string, Highlight>();
    for (const participant of view.participants)
      if (participant.id !== view.me && participant.focus !== null && participant.online)
        map.set(participant.focus, {
          name: participant.displayName,
          colour: presenceColours[participant.role],
        });
    return map;
  }, [view.participants, view.me]);
  const actions = useMemo<ItemActions>(
    () => ({
      act: view.role === 'expert' && !ended ? setTarget : null,
      direct: view.control.holder === view.me,
    }),
    [view.role, view.control.holder, view.me, ended],
  );

  if (!workspace) {
    return (
      <Card className="page-section" loading data-testid="remote-workspace-waiting">
        {t('remote.waitingWorkspace')}
      </Card>
    );
  }

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const box = panel.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return;
    const clamp = (value: number) => Math.min(1, Math.max(0, value));
    presence.pointer({
      x: clamp((event.clientX - box.left) / box.width),
      y: clamp((event.clientY - box.top) / box.height),
    });
  };
  const point = (event: SyntheticEvent) => {
    const key = focusKeyOf(event);
    setMine(key);
    presence.focus(key);
  };

  const applicant = workspace.fields.filter((field) => field.key.startsWith('applicant.'));
  return (
    <HighlightContext.Provider value={highlights}>
      <ActionsContext.Provider value={actions}>
        <div
          ref={panel}
          className="remote-workspace"
          onPointerMove={onPointerMove}
          onPointerLeave={() => {
            presence.pointer(null);
          }}
          onClick={point}
          onFocus={point}
          data-testid="remote-workspace"
        >
          {others.map((participant) =>
            participant.online ? (
              <RemotePointer
                key={participant.id}
                participant={participant}
                colour={presenceColours[participant.role]}
              />
            ) : null,
          )}
          <Card
            size="small"
            title={t('remote.applicant')}
            extra={<Tag>{t(`applicantKind.${workspace.applicantKind}`)}</Tag>}
            className="page-section"
          >
            <div className="workspace-applicant">
              {applicant.map((field) => (
                <FieldItem
                  key={field.key}
                  field={field}
                  label={field.label}
                  mine={mine}
                  changeable={false}
                />
              ))}
            </div>
          </Card>
          <Card size="small" title={t('remote.materials')} className="page-section">
            {workspace.materials.map((material, index) => (
              <MaterialItem
                key={material.code}
                material={material}
                index={index}
                mine={mine}
                fields={workspace.fields.filter((field) =>
                  field.key.startsWith(`material.${material.code}.`),
                )}
              />
            ))}
          </Card>
          <Card size="small" title={t('remote.points')} className="page-section">
            {workspace.points.map((item) => {
              const current = item.code === workspace.currentPoint;
              return (
                <WorkspaceItem
                  key={item.code}
                  focusKey={`point.${item.code}`}
                  mine={mine}
                  current={current}
                  className="workspace-point"
                  data-testid="remote-point"
                  data-code={item.code}
                  data-verdict={item.verdict ?? 'none'}
                  data-current={String(current)}
                >
                  <div className="workspace-row">
                    <VerdictTag verdict={item.verdict} />
                    <div className="workspace-row-body">
                      <Typography.Text strong>{item.title}</Typography.Text>
                      {current ? (
                        <Tag color="blue" data-testid="remote-current-point">
                          {t('remote.currentPoint')}
                        </Tag>
                      ) : null}
                      <Typography.Paragraph
                        type="secondary"
                        className="workspace-guidance"
                        ellipsis={{ rows: current ? 4 : 1, tooltip: item.guidance }}
                      >
                        {item.guidance}
                      </Typography.Paragraph>
                      {item.note ? (
                        <Typography.Text className="workspace-note">{item.note}</Typography.Text>
                      ) : null}
                    </div>
                    <ChangeButton
                      target={{
                        kind: 'decision',
                        code: item.code,
                        name: item.title,
                        verdict: item.verdict,
                      }}
                    />
                  </div>
                </WorkspaceItem>
              );
            })}
          </Card>
        </div>
        {target ? (
          <SuggestDialog
            sessionId={view.sessionId}
            target={target}
            direct={actions.direct}
            onClose={() => {
              setTarget(undefined);
            }}
          />
        ) : null}
      </ActionsContext.Provider>
    </HighlightContext.Provider>
  );
}
