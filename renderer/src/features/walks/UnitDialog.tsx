import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Switch, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unitKinds, type SaveUnitInput, type Unit } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';

type UnitMatterRow = Unit['matters'][number];

interface UnitValues {
  name: string;
  kind: Unit['kind'];
  /** '' for none (a hall): a select option cannot carry null. */
  department: string;
  leaders: { userId?: number; title?: string }[];
}

/** Every matter in effect, for the department list and "add a matter". */
const catalogueInput = { query: '', highFrequencyOnly: false, limit: 500 };

/** Create or edit a unit: name, kind, catalogue department, leadership team and matters. */
export function UnitDialog({ unit, onClose }: { unit: Unit | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitValues>();
  const [formError, setFormError] = useState<string>();
  const [matters, setMatters] = useState<UnitMatterRow[]>(unit?.matters ?? []);
  // A new unit whose matters nobody touched lets the engine take the department's own.
  const [mattersEdited, setMattersEdited] = useState(unit !== undefined);

  const catalogue = useQuery({
    queryKey: queryKeys.matterSearch(catalogueInput),
    queryFn: () => client.matters.search(catalogueInput),
  });
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => client.users.list({}) });
  const departments = useMemo(
    () => [...new Set((catalogue.data ?? []).map((matter) => matter.department))].sort(),
    [catalogue.data],
  );
  const leaderUsers = useMemo(() => {
    const members = new Set(unit?.leaders.map((leader) => leader.userId));
    return (users.data ?? []).filter(
      (user) => (user.role === 'leader' && !user.disabled) || members.has(user.id),
    );
  }, [users.data, unit]);

  const fillFromDepartment = (department: string) => {
    if (mattersEdited) return;
    setMatters(
      (catalogue.data ?? [])
        .filter((matter) => matter.department === department)
        .map((matter) => ({
          matterCode: matter.code,
          matterName: matter.name,
          catalogueHighFrequency: matter.highFrequency,
          highFrequency: matter.highFrequency,
        })),
    );
  };

  const editMatters = (next: UnitMatterRow[]) => {
    setMatters(next);
    setMattersEdited(true);
  };

  const save = useMutation({
    mutationFn: (values: UnitValues) => {
      const input: SaveUnitInput = {
        ...(unit ? { id: unit.id } : {}),
        name: values.name,
        kind: values.kind,
        department: values.department === '' ? null : values.department,
        leaders: values.leaders.flatMap((leader) =>
          leader.userId === undefined
            ? []
            : [{ userId: leader.userId, title: leader.title?.trim() ?? '' }],
        ),
        ...(mattersEdited
          ? {
              matters: matters.map((matter) => ({
                matterCode: matter.matterCode,
                highFrequency: matter.highFrequency,
              })),
            }
          : {}),
      };
      return client.units.save(input);
    },
    onSuccess: async (saved) => {
      void message.success(t('units.saved', { name: saved.name }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.units }),
        queryClient.invalidateQueries({ queryKey: queryKeys.coverage }),
      ]);
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  const addable = (catalogue.data ?? []).filter(
    (matter) => !matters.some((row) => row.matterCode === matter.code),
  );

  return (
    <Modal
      open
      width={780}
      title={unit ? t('units.editTitle', { name: unit.name }) : t('units.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('unit-save')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          unit
            ? {
                name: unit.name,
                kind: unit.kind,
                department: unit.department ?? '',
                leaders: unit.leaders.map((leader) => ({
                  userId: leader.userId,
                  title: leader.title,
                })),
              }
            : { kind: 'department', department: '', leaders: [{}] }
        }
        onFinish={(values) => {
          setFormError(undefined);
          save.mutate(values);
        }}
      >
        <Space size="middle" className="form-row" align="start">
          <Form.Item
            name="name"
            label={t('units.name')}
            rules={[requiredRule(t, t('units.name'))]}
            className="form-row-grow"
          >
            <Input
              autoFocus
              maxLength={60}
              placeholder={t('units.namePlaceholder')}
              data-testid="unit-name"
            />
          </Form.Item>
          <Form.Item name="kind" label={t('units.kind')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={unitKinds.map((kind) => ({
                value: kind,
                label: t(`walkLabels.unitKind.${kind}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="department"
          label={t('units.department')}
          extra={t('units.departmentHint')}
        >
          <Select
            showSearch
            loading={catalogue.isPending}
            options={[
              { value: '', label: t('units.departmentNone') },
              ...departments.map((department) => ({ value: department, label: department })),
            ]}
            onChange={(department: string) => {
              fillFromDepartment(department);
            }}
            data-testid="unit-department"
          />
        </Form.Item>
        <Form.Item label={t('units.leaders')} required={false}>
          {users.data && leaderUsers.length === 0 ? (
            <Alert type="info" showIcon title={t('units.noLeaderUsers')} className="form-gap" />
          ) : null}
          <Form.List name="leaders">
            {(fields, { add, remove }) => (
              <div className="unit-leaders">
                {fields.map((field) => (
                  <Space key={field.key} align="start" className="unit-leader-row">
                    <Form.Item
                      name={[field.name, 'userId']}
                      rules={[{ required: true, message: t('units.leaderPick') }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder={t('units.leaderPick')}
                        style={{ width: 260 }}
                        loading={users.isPending}
                        options={leaderUsers.map((user) => ({
                          value: user.id,
                          label: `${user.displayName}（${user.username}）`,
                        }))}
                        data-testid="unit-leader-user"
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'title']}
                      rules={[requiredRule(t, t('units.memberTitle'))]}
                    >
                      <Input
                        maxLength={30}
                        placeholder={t('units.titlePlaceholder')}
                        style={{ width: 200 }}
                        aria-label={t('units.memberTitle')}
                        data-testid="unit-leader-title"
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('units.removeMatter')}
                      onClick={() => {
                        remove(field.name);
                      }}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    add({});
                  }}
                  data-testid="unit-add-leader"
                >
                  {t('units.addLeader')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label={t('units.matters')} extra={t('units.mattersHint')}>
          {!mattersEdited ? (
            <Alert type="info" showIcon title={t('units.mattersAuto')} className="form-gap" />
          ) : null}
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={null}
            placeholder={t('units.addMatterPlaceholder')}
            className="form-gap"
            style={{ width: '100%' }}
            options={addable.map((matter) => ({
              value: matter.code,
              label: `${matter.name}（${matter.code}）· ${matter.department}`,
            }))}
            onChange={(code: string | null) => {
              const matter = addable.find((candidate) => candidate.code === code);
              if (!matter) return;
              editMatters([
                ...matters,
                {
                  matterCode: matter.code,
                  matterName: matter.name,
                  catalogueHighFrequency: matter.highFrequency,
                  highFrequency: matter.highFrequency,
                },
              ]);
            }}
            data-testid="unit-add-matter"
          />
          <div className="unit-matters" hidden={matters.length === 0}>
            <DataTable
              data={matters}
              getRowId={(matter) => matter.matterCode}
              rowTestId="unit-matter-row"
              columns={[
                {
                  header: t('walks.columns.matter'),
                  id: 'matter',
                  cell: ({ row: { original: matter } }) => (
                    <span>
                      {matter.matterName}{' '}
                      <span className="mono text-muted">{matter.matterCode}</span>
                    </span>
                  ),
                },
                {
                  header: t('units.highFrequency'),
                  id: 'high',
                  cell: ({ row: { original: matter } }) => (
                    <Space>
                      <Switch
                        size="small"
                        checked={matter.highFrequency}
                        aria-label={t('units.highFrequency')}
                        onChange={(checked) => {
                          editMatters(
                            matters.map((row) =>
                              row.matterCode === matter.matterCode
                                ? { ...row, highFrequency: checked }
                                : row,
                            ),
                          );
                        }}
                        data-testid="unit-matter-high"
                      />
                      <Tag color={matter.catalogueHighFrequency ? 'volcano' : 'default'}>
                        {matter.catalogueHighFrequency
                          ? t('units.catalogueHigh')
                          : t('units.catalogueNormal')}
                      </Tag>
                    </Space>
                  ),
                },
                {
                  header: '',
                  id: 'remove',
                  cell: ({ row: { original: matter } }) => (
                    <Button
                      size="small"
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('units.removeMatter')}
                      onClick={() => {
                        editMatters(matters.filter((row) => row.matterCode !== matter.matterCode));
                      }}
                    />
                  ),
                },
              ]}
            />
          </div>
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError ?? catalogue.error ?? users.error ?? undefined} />
      </Form>
    </Modal>
  );
}
