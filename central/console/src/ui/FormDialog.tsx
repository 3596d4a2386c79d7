import type { ReactNode } from 'react';
import { Button, Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

interface FormDialogProps<V> {
  title: string;
  form: FormInstance<V>;
  submitText: string;
  submitting: boolean;
  onSubmit: (values: V) => void;
  onClose: () => void;
  testId: string;
  width?: number;
  children: ReactNode;
}

/**
 * A modal form whose buttons live inside the <form>, so Enter in any field submits it and Esc
 * closes it: the dialogs work from the keyboard alone.
 */
export function FormDialog<V>({
  title,
  form,
  submitText,
  submitting,
  onSubmit,
  onClose,
  testId,
  width,
  children,
}: FormDialogProps<V>) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      {...(width === undefined ? {} : { width })}
    >
      <Form<V>
        form={form}
        layout="vertical"
        onFinish={onSubmit}
        requiredMark={false}
        data-testid={testId}
      >
        {children}
        <div className="dialog-buttons">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={submitting}
            data-testid={`${testId}-submit`}
          >
            {submitText}
          </Button>
        </div>
      </Form>
    </Modal>
  );
}
