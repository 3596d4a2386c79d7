import { useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime, groupEnrolmentCode } from '../ui/format';
import type { IssuedCode } from './IssueCodeDialog';

/**
 * The code, shown this once (the hub keeps only its hash): large, grouped for reading aloud, with
 * a copy button. Only the close button dismisses it, so a stray Esc or click cannot lose it.
 */
export function IssuedCodeDialog({
  issued,
  hallName,
  onClose,
}: {
  issued: IssuedCode;
  hallName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const codeRef = useRef<HTMLDivElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const code = groupEnrolmentCode(issued.code);

  const copyCode = async (): Promise<void> => {
    try {
      // Only a secure context (https, or the hub on this machine) has the clipboard API.
      await navigator.clipboard.writeText(code);
      setCopy('copied');
    } catch {
      const node = codeRef.current;
      if (node) window.getSelection()?.selectAllChildren(node);
      setCopy('failed');
    }
  };

  return (
    <Modal
      open
      title={t('codes.issuedTitle')}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="issued-close">
          {t('common.close')}
        </Button>
      }
    >
      <div className="issued-code-box" data-testid="issued-code-box">
        <Typography.Text type="secondary">
          {t('codes.issuedFor', { hall: hallName })}
        </Typography.Text>
        <div className="issued-code mono" ref={codeRef} data-testid="issued-code">
          {code}
        </div>
        <Space>
          <Button
            autoFocus
            icon={copy === 'copied' ? <CheckOutlined /> : <CopyOutlined />}
            onClick={() => void copyCode()}
            data-testid="issued-copy"
          >
            {copy === 'copied' ? t('common.copied') : t('common.copy')}
          </Button>
          <Typography.Text strong data-testid="issued-expiry">
            {t('codes.expiresAt', { time: formatDateTime(issued.expiresAt) })}
          </Typography.Text>
        </Space>
      </div>
      {copy === 'failed' ? (
        <Alert type="warning" showIcon title={t('codes.copyFailed')} className="form-gap" />
      ) : null}
      <Alert type="info" showIcon title={t('codes.onceWarning')} />
    </Modal>
  );
}
